// Seeded random instances: every plan passes the audit, accounts for every household once, and respects its bound.
import { describe, expect, it } from 'vitest';
import { convoyViolations } from './convoy-check.ts';
import { replanConvoys } from './convoy-replan.ts';
import type { ConvoyInstance, ConvoySchedule } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { type ArcSpec, buildNetwork } from './network.ts';
import { type Exit, INF_STEPS } from './types.ts';

/** mulberry32: the same seed gives the same instance on every machine. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 4×4 grid of two-way roads, two profiles (the second barred from a fifth of the arcs), 3 assembly points. */
function randomInstance(seed: number): ConvoyInstance {
  const random = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const arcs: ArcSpec[] = [];
  const id = (r: number, c: number) => r * 4 + c;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      for (const [dr, dc] of [
        [0, 1],
        [1, 0],
      ] as const) {
        if (r + dr > 3 || c + dc > 3) continue;
        const travelTimeSteps = int(1, 4);
        const capacityPerStep = int(1, 2);
        arcs.push({ tail: id(r, c), head: id(r + dr, c + dc), travelTimeSteps, capacityPerStep });
        arcs.push({ tail: id(r + dr, c + dc), head: id(r, c), travelTimeSteps, capacityPerStep });
      }
    }
  }
  const { network } = buildNetwork(16, arcs);
  const barred = network.travelTimeSteps.slice();
  for (let a = 0; a < barred.length; a++) if (random() < 0.2) barred[a] = INF_STEPS;
  const exits: Exit[] = [
    {
      id: 'line',
      mode: 'ground',
      node: 15,
      capacityPerStep: int(2, 6),
      windows: [
        { startStep: int(5, 15), endStep: int(25, 40) },
        { startStep: 60, endStep: 80 },
      ],
      conditionMet: true,
    },
    { id: 'air', mode: 'air', node: 12, flights: [{ step: int(20, 50), seats: 12 }], conditionMet: random() < 0.5 },
  ];
  return {
    network,
    profileTravelTimeSteps: [network.travelTimeSteps, barred],
    vehicles: [
      { id: 'bus', seats: 12, count: int(1, 2), startNode: 0 },
      { id: 'van', seats: 5, count: int(1, 3), startNode: 3, speedFactor: 1.5 },
    ],
    assemblyPoints: [
      { id: 'ap-1', node: 1 },
      { id: 'ap-2', node: 4 },
      { id: 'ap-3', node: 9 },
    ],
    groups: Array.from({ length: int(6, 14) }, (_, i) => ({
      id: `h${i}`,
      persons: int(1, 7),
      priority: int(1, 3),
      assemblyPointId: `ap-${int(1, 3)}`,
      profile: random() < 0.3 ? 1 : 0,
      readyStep: int(0, 10),
    })),
    exits,
    horizonSteps: 100,
    boardingSteps: int(0, 2),
  };
}

function accountsForEveryone(instance: ConvoyInstance, schedule: ConvoySchedule): void {
  const seen = [
    ...schedule.convoys.flatMap((c) => c.pickups.map((p) => p.groupId)),
    ...schedule.notEvacuated.map((n) => n.groupId),
  ].sort();
  expect(seen).toEqual(instance.groups.map((g) => g.id).sort());
  expect(schedule.evacuatedPersons + schedule.notEvacuated.reduce((s, n) => s + n.persons, 0)).toBe(
    schedule.totalPersons,
  );
}

describe('planConvoys on seeded random grids', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}: sound, complete, bound ≤ makespan, window ceilings hold; a closure re-plans soundly`, () => {
      const instance = randomInstance(seed);
      const { schedule } = planConvoys(instance);
      expect(convoyViolations(instance, schedule)).toEqual([]);
      accountsForEveryone(instance, schedule);
      if (schedule.bound) expect(schedule.bound.lowerBoundStep).toBeLessThanOrEqual(schedule.makespanStep);
      for (const w of schedule.windowOutlook) expect(w.evacuatedByEnd).toBeLessThanOrEqual(w.upperBoundByEnd);
      const busiest = schedule.convoys[0]?.arcs[0];
      if (busiest === undefined) return;
      const re = replanConvoys(instance, schedule, { kind: 'arcs-closed', atStep: 12, arcs: [busiest] });
      expect(convoyViolations(instance, re.schedule)).toEqual([]);
      accountsForEveryone(instance, re.schedule);
      const outBefore = (s: ConvoySchedule) =>
        s.convoys
          .flatMap((c) => c.exitPassages)
          .filter((p) => p.step < 12)
          .reduce((n, p) => n + p.persons, 0);
      expect(outBefore(re.schedule)).toBe(outBefore(schedule));
    });
  }
});

describe('convoyViolations', () => {
  it('catches an overfull bus, a split household and a road over capacity', () => {
    const instance = randomInstance(3);
    const { schedule } = planConvoys(instance);
    const first = schedule.convoys[0]!;
    const tampered: ConvoySchedule = {
      ...schedule,
      convoys: [
        {
          ...first,
          pickups: [...first.pickups, { groupId: first.pickups[0]!.groupId, persons: 40 }],
          arcs: first.arcs,
        },
        { ...first, vehicleIndex: first.vehicleIndex, trip: first.trip + 1 },
        { ...first, vehicleIndex: first.vehicleIndex, trip: first.trip + 2 },
        ...schedule.convoys.slice(1),
      ],
    };
    const problems = convoyViolations(instance, tampered).join('\n');
    expect(problems).toMatch(/persons on \d+ seats/);
    expect(problems).toMatch(/split/);
    expect(problems).toMatch(/before its previous trip ended/);
  });
});

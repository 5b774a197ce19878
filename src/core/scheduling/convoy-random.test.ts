// Seeded random instances: every plan passes the audit, accounts for every household once, and respects its bound.
import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../random.ts';
import { convoyViolations } from './convoy-check.ts';
import { replanConvoys } from './convoy-replan.ts';
import type { ConvoyInstance, ConvoySchedule } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { randomConvoyInstance } from './test-instances.ts';

/** A seeded 4×4 grid (test-instances.ts): the same seed gives the same instance on every machine. */
const randomInstance = (seed: number): ConvoyInstance => randomConvoyInstance(seeded(seed));

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

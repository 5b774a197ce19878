// Hand-made instances with known answers: capacity, windows, household integrity, priority order, reasons.
import { describe, expect, it } from 'vitest';
import { planEvacuation } from './ccrp.ts';
import { makespanLowerBound } from './makespan-bound.ts';
import { type ArcSpec, buildNetwork } from './network.ts';
import { scheduleViolations } from './schedule-check.ts';
import type { EvacueeGroup, Exit } from './types.ts';

/** A path 0 → 1 → … → n-1 with the exit at the last node. */
function chain(length: number, travelTimeSteps: number, capacityPerStep: number) {
  const arcs: ArcSpec[] = [];
  for (let v = 0; v + 1 < length; v++) arcs.push({ tail: v, head: v + 1, travelTimeSteps, capacityPerStep });
  return buildNetwork(length, arcs).network;
}

function groundExit(node: number, capacityPerStep: number, endStep = 1000, conditionMet = true): Exit {
  return {
    id: `exit-${node}`,
    mode: 'ground',
    node,
    capacityPerStep,
    windows: [{ startStep: 0, endStep }],
    conditionMet,
  };
}

function group(id: string, persons: number, originNode: number, extra: Partial<EvacueeGroup> = {}): EvacueeGroup {
  return { id, persons, priority: 1, originNode, ...extra };
}

describe('planEvacuation', () => {
  it('sends a splittable group down a chain at the arc capacity, one batch per step', () => {
    const instance = {
      network: chain(3, 1, 2),
      groups: [group('a', 6, 0, { allowSplit: true })],
      exits: [groundExit(2, 10)],
      horizonSteps: 50,
    };
    const { schedule } = planEvacuation(instance);
    expect(schedule.movements.map((m) => [m.departureStep, m.persons, m.exitStep])).toEqual([
      [0, 2, 2],
      [1, 2, 3],
      [2, 2, 4],
    ]);
    expect(schedule.makespanStep).toBe(4);
    expect(makespanLowerBound(instance, schedule.makespanStep).lowerBoundStep).toBe(4);
    expect(scheduleViolations(instance, schedule)).toEqual([]);
  });

  it('never splits a household: two households of 2 on a road taking 3 per step go one step apart', () => {
    const instance = {
      network: chain(2, 1, 3),
      groups: [group('h1', 2, 0), group('h2', 2, 0)],
      exits: [groundExit(1, 10)],
      horizonSteps: 20,
    };
    const { schedule } = planEvacuation(instance);
    expect(schedule.movements.map((m) => [m.groups.map((g) => `${g.groupId}:${g.persons}`), m.exitStep])).toEqual([
      [['h1:2'], 1],
      [['h2:2'], 2],
    ]);
  });

  it('reports a household larger than any step of the road as capacity, not as split', () => {
    const instance = {
      network: chain(2, 1, 3),
      groups: [group('big', 5, 0)],
      exits: [groundExit(1, 10)],
      horizonSteps: 20,
    };
    const { schedule } = planEvacuation(instance);
    expect(schedule.movements).toEqual([]);
    expect(schedule.notEvacuated).toEqual([{ groupId: 'big', persons: 5, reason: { kind: 'capacity' } }]);
  });

  it('serves the most endangered first through a shared bottleneck even when they are farther away', () => {
    // 0 → 2 (3 steps), 1 → 2 (1 step), 2 → 3 exit (1 step, 1 person per step).
    const { network } = buildNetwork(4, [
      { tail: 0, head: 2, travelTimeSteps: 3, capacityPerStep: 5 },
      { tail: 1, head: 2, travelTimeSteps: 1, capacityPerStep: 5 },
      { tail: 2, head: 3, travelTimeSteps: 1, capacityPerStep: 1 },
    ]);
    const instance = {
      network,
      groups: [
        group('near', 2, 1, { priority: 2, allowSplit: true }),
        group('far', 2, 0, { priority: 1, allowSplit: true }),
      ],
      exits: [groundExit(3, 10)],
      horizonSteps: 30,
    };
    const { schedule } = planEvacuation(instance);
    const p1 = schedule.byPriority.find((p) => p.priority === 1)!;
    const p2 = schedule.byPriority.find((p) => p.priority === 2)!;
    expect(p1).toEqual({ priority: 1, persons: 2, evacuated: 2, completionStep: 5 });
    // The near group still uses the free bottleneck steps before the far group arrives.
    expect(p2.evacuated).toBe(2);
    expect(schedule.movements.filter((m) => m.groups[0]!.groupId === 'far').map((m) => m.exitStep)).toEqual([4, 5]);
  });

  it('counts who passes before a window closes and explains the rest as window or capacity', () => {
    const instance = {
      network: chain(3, 2, 1),
      groups: [group('a', 3, 0, { allowSplit: true }), group('late', 1, 0, { readyStep: 10, allowSplit: true })],
      exits: [groundExit(2, 5, 6)],
      horizonSteps: 40,
    };
    const { schedule } = planEvacuation(instance);
    expect(schedule.byWindow).toEqual([{ exitId: 'exit-2', windowEndStep: 6, evacuated: 2 }]);
    expect(schedule.notEvacuated).toEqual([
      { groupId: 'a', persons: 1, reason: { kind: 'capacity' } },
      { groupId: 'late', persons: 1, reason: { kind: 'window', earliestArrivalStep: 14 } },
    ]);
  });

  it('treats an exit whose condition is unmet as closed, and a disconnected group as having no route', () => {
    const { network } = buildNetwork(4, [{ tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 5 }]);
    const instance = {
      network,
      groups: [group('a', 2, 0), group('island', 1, 2)],
      exits: [groundExit(1, 5, 100, false)],
      horizonSteps: 20,
    };
    const { schedule } = planEvacuation(instance);
    expect(schedule.notEvacuated).toEqual([
      { groupId: 'a', persons: 2, reason: { kind: 'condition-unmet', exitIds: ['exit-1'] } },
      { groupId: 'island', persons: 1, reason: { kind: 'no-route' } },
    ]);
  });

  it('uses a profile metric: a forbidden arc for wheelchair users forces the longer road', () => {
    const { network } = buildNetwork(3, [
      { tail: 0, head: 2, travelTimeSteps: 1, capacityPerStep: 5 },
      { tail: 0, head: 1, travelTimeSteps: 2, capacityPerStep: 5 },
      { tail: 1, head: 2, travelTimeSteps: 2, capacityPerStep: 5 },
    ]);
    const profile = network.travelTimeSteps.slice();
    profile[0] = 0x7fff_ffff;
    const instance = {
      network,
      groups: [group('walk', 1, 0), group('wheel', 1, 0, { profile: 0 })],
      exits: [groundExit(2, 5)],
      horizonSteps: 20,
      profileTravelTimeSteps: [profile],
    };
    const { schedule } = planEvacuation(instance);
    const exitOf = (id: string) => schedule.movements.find((m) => m.groups[0]!.groupId === id)!.exitStep;
    expect([exitOf('walk'), exitOf('wheel')]).toEqual([1, 4]);
  });
});

// Convoy re-planning: trips already out stay out, a closed road reroutes the bus on it, no road left strands.
import { describe, expect, it } from 'vitest';
import { convoyViolations } from './convoy-check.ts';
import { replanConvoys } from './convoy-replan.ts';
import type { ConvoyInstance } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { twoRoadArc as arc, twoRoadInstance as instance } from './test-instances.ts';

describe('replanConvoys', () => {
  const { schedule } = planConvoys(instance);

  it('plans three shuttles on the short road', () => {
    expect(schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.loadedDepartureStep, c.exitStep])).toEqual([
      ['a', 1, 3],
      ['b', 6, 8],
      ['c', 11, 13],
    ]);
    expect(convoyViolations(instance, schedule)).toEqual([]);
  });

  it('reroutes the bus on the road when 1 → 3 closes at step 7, and the next trip takes the long road', () => {
    const result = replanConvoys(instance, schedule, { kind: 'arcs-closed', atStep: 7, arcs: [arc(1, 3)] });
    expect(result.keptConvoys).toBe(1);
    expect(result.reroutedConvoys).toBe(1);
    expect(result.stranded).toEqual([]);
    // b: at node 1 at step 7, back to 0 (8), long road (11, 14). c: back by 1 (16), boards, long road (17 + 6).
    expect(result.schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.exitStep])).toEqual([
      ['a', 3],
      ['b', 14],
      ['c', 23],
    ]);
    expect(result.schedule.convoys[1]!.arcs).toEqual([arc(0, 1), arc(1, 0), arc(0, 2), arc(2, 3)]);
    expect(convoyViolations(instance, result.schedule)).toEqual([]);
  });

  it('strands the households on the bus and at the assembly point when every road to the exit closes', () => {
    const result = replanConvoys(instance, schedule, { kind: 'arcs-closed', atStep: 7, arcs: [arc(1, 3), arc(0, 2)] });
    expect(result.schedule.convoys.map((c) => c.pickups[0]!.groupId)).toEqual(['a']);
    expect(result.stranded).toEqual([
      { groupId: 'b', persons: 4, reason: { kind: 'no-route' } },
      { groupId: 'c', persons: 4, reason: { kind: 'no-route' } },
    ]);
    expect(result.newlyStranded.map((n) => n.groupId)).toEqual(['b', 'c']);
  });

  it('strands the households queued at the line when its condition is withdrawn while they wait', () => {
    const slow: ConvoyInstance = {
      ...instance,
      exits: [{ ...instance.exits[0]!, windows: [{ startStep: 10, endStep: 90 }] } as ConvoyInstance['exits'][number]],
    };
    const { schedule: waiting } = planConvoys(slow);
    expect(waiting.convoys[0]!.exitArrivalStep).toBe(3);
    const result = replanConvoys(slow, waiting, {
      kind: 'exit-changed',
      atStep: 5,
      exitId: 'line',
      windows: [{ startStep: 10, endStep: 90 }],
      conditionMet: false,
    });
    expect(result.schedule.convoys).toEqual([]);
    expect(result.stranded.map((n) => [n.groupId, n.reason.kind])).toEqual([
      ['a', 'condition-unmet'],
      ['b', 'condition-unmet'],
      ['c', 'condition-unmet'],
    ]);
    expect(result.newlyStranded.map((n) => n.groupId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps trips out before an exit window is cut short and reports the rest as window', () => {
    const result = replanConvoys(instance, schedule, {
      kind: 'exit-changed',
      atStep: 2,
      exitId: 'line',
      windows: [{ startStep: 0, endStep: 4 }],
    });
    expect(result.schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.exitStep])).toEqual([['a', 3]]);
    // Waiting from step 2, boarded by 3, two steps to the line: 5, after it closed.
    expect(result.stranded.map((n) => [n.groupId, n.reason])).toEqual([
      ['b', { kind: 'window', earliestArrivalStep: 5 }],
      ['c', { kind: 'window', earliestArrivalStep: 5 }],
    ]);
    expect(convoyViolations(result.instance, result.schedule)).toEqual([]);
  });
});

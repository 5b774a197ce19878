// Re-planning: people already out stay out, a closed road reroutes who had not passed it, a lost exit strands.
import { describe, expect, it } from 'vitest';
import { planEvacuation } from './ccrp.ts';
import { buildNetwork } from './network.ts';
import { replan } from './replan.ts';
import { scheduleViolations } from './schedule-check.ts';
import type { SchedulingInstance } from './types.ts';

// Two roads from 0 to the exit at 3: via 1 (short, 1 per step) and via 2 (long, 1 per step).
const { network } = buildNetwork(4, [
  { tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 1 },
  { tail: 1, head: 3, travelTimeSteps: 1, capacityPerStep: 1 },
  { tail: 0, head: 2, travelTimeSteps: 3, capacityPerStep: 1 },
  { tail: 2, head: 3, travelTimeSteps: 3, capacityPerStep: 1 },
]);
const instance: SchedulingInstance = {
  network,
  groups: [{ id: 'a', persons: 10, priority: 1, originNode: 0, allowSplit: true }],
  exits: [
    {
      id: 'border',
      mode: 'ground',
      node: 3,
      capacityPerStep: 5,
      windows: [{ startStep: 0, endStep: 100 }],
      conditionMet: true,
    },
  ],
  horizonSteps: 100,
};

describe('replan', () => {
  it('closing the short road at step 4 keeps who is out and reroutes the rest by the long road', () => {
    const { schedule } = planEvacuation(instance);
    const closedArc = 0; // 0 → 1 (arc ids follow tail order: arcs of node 0 first)
    expect(network.head[closedArc]).toBe(1);
    const outBefore = schedule.movements.filter((m) => m.exitStep < 4).reduce((s, m) => s + m.persons, 0);
    const result = replan(instance, schedule, { kind: 'arcs-closed', atStep: 4, arcs: [closedArc] });
    expect(result.schedule.evacuatedPersons).toBe(10);
    expect(result.stranded).toEqual([]);
    expect(result.schedule.movements.filter((m) => m.exitStep < 4).reduce((s, m) => s + m.persons, 0)).toBe(outBefore);
    for (const m of result.schedule.movements) {
      m.arcs.forEach((a, i) => {
        if (a === closedArc) expect(m.arcEntrySteps[i]!).toBeLessThan(4);
      });
    }
    // The original travel times: the closed arc was driven before the event.
    expect(scheduleViolations(instance, result.schedule)).toEqual([]);
    expect(result.schedule.makespanStep).toBeGreaterThan(schedule.makespanStep);
  });

  it('an exit window cut short at step 3 strands those who cannot make it, for the window reason', () => {
    const { schedule } = planEvacuation(instance);
    const result = replan(instance, schedule, {
      kind: 'exit-changed',
      atStep: 3,
      exitId: 'border',
      windows: [{ startStep: 0, endStep: 4 }],
    });
    const out = result.schedule.evacuatedPersons;
    expect(out).toBeLessThan(10);
    expect(result.stranded.reduce((s, n) => s + n.persons, 0)).toBe(10 - out);
    expect(result.stranded.every((n) => n.reason.kind === 'window' || n.reason.kind === 'capacity')).toBe(true);
    expect(result.schedule.movements.every((m) => m.exitStep < 4)).toBe(true);
  });
});

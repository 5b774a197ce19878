// Differential tests on small random grids: bound <= exact optimum (HiGHS) <= CCRP plan, and CCRP within 5 %.
import { beforeAll, describe, expect, it } from 'vitest';
import { planEvacuation } from './ccrp.ts';
import { type MipSolver, quickestEvacuationStep } from './exact-model.ts';
import { loadHighsSolver } from './highs-solver.ts';
import { makespanLowerBound } from './makespan-bound.ts';
import { buildNetwork } from './network.ts';
import { scheduleViolations } from './schedule-check.ts';
import { lcg, randomGridArcs } from './test-instances.ts';
import type { SchedulingInstance } from './types.ts';

/** A w×w two-way grid with random travel times (1–3) and capacities (1–4); exits at two corners. */
function randomGrid(seed: number, width: number, persons: number): SchedulingInstance {
  const random = lcg(seed);
  const arcs = randomGridArcs(random, width, { minTravel: 1, travelSpan: 3, maxCapacity: 4 });
  const { network } = buildNetwork(width * width, arcs);
  const groups = [0, 1, 2].map((i) => ({
    id: `g${i}`,
    persons: Math.ceil(persons / 3),
    priority: 1,
    originNode: Math.floor(random() * (width * width - 2)) + 1,
    allowSplit: true,
  }));
  const exits = [0, width * width - 1].map((node) => ({
    id: `exit-${node}`,
    mode: 'ground' as const,
    node,
    capacityPerStep: 3,
    windows: [{ startStep: 0, endStep: 200 }],
    conditionMet: true,
  }));
  return { network, groups, exits, horizonSteps: 200 };
}

describe('exact model against CCRP and the bound', () => {
  let solver: MipSolver;
  beforeAll(async () => {
    solver = await loadHighsSolver();
  });

  it('solves a chain exactly: 6 persons, 2 per step, 2 steps long → out by step 4', () => {
    const { network } = buildNetwork(3, [
      { tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 2 },
      { tail: 1, head: 2, travelTimeSteps: 1, capacityPerStep: 2 },
    ]);
    const instance: SchedulingInstance = {
      network,
      groups: [{ id: 'a', persons: 6, priority: 1, originNode: 0, allowSplit: true }],
      exits: [
        {
          id: 'x',
          mode: 'ground',
          node: 2,
          capacityPerStep: 9,
          windows: [{ startStep: 0, endStep: 50 }],
          conditionMet: true,
        },
      ],
      horizonSteps: 50,
    };
    expect(quickestEvacuationStep(instance, solver, 0, 10)).toBe(4);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`grid seed ${seed}: bound <= optimum <= plan <= 1.05 × optimum (+1 step of rounding)`, () => {
      const instance = randomGrid(seed, 4, 24);
      const { schedule } = planEvacuation(instance);
      expect(schedule.evacuatedPersons).toBe(schedule.totalPersons);
      expect(scheduleViolations(instance, schedule)).toEqual([]);
      const bound = makespanLowerBound(instance, schedule.makespanStep).lowerBoundStep;
      const optimum = quickestEvacuationStep(instance, solver, bound, schedule.makespanStep)!;
      expect(optimum).not.toBeNull();
      expect(bound).toBeLessThanOrEqual(optimum);
      expect(optimum).toBeLessThanOrEqual(schedule.makespanStep);
      expect(schedule.makespanStep).toBeLessThanOrEqual(Math.max(1.05 * optimum, optimum + 1));
      const plain = planEvacuation(instance, { goalDirected: false }).schedule;
      expect(plain.makespanStep).toBeGreaterThanOrEqual(optimum);
    });
  }
});

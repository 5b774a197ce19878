// The exact time-expanded max flow against hand-computed answers and HiGHS; plan-suggested source sets for the bound.
import { beforeAll, describe, expect, it } from 'vitest';
import { planEvacuation } from './ccrp.ts';
import { type MipSolver, quickestEvacuationStep } from './exact-model.ts';
import { loadHighsSolver } from './highs-solver.ts';
import { makespanLowerBound, sourceSetsOfPlan } from './makespan-bound.ts';
import { type ArcSpec, buildNetwork } from './network.ts';
import { maxPersonsOutBy, quickestEvacuationFlow } from './quickest-flow.ts';
import { lcg, randomGridArcs } from './test-instances.ts';
import type { Exit, SchedulingInstance } from './types.ts';

function exitAt(node: number, capacityPerStep: number, startStep = 0, endStep = 200): Exit {
  return {
    id: `x${node}`,
    mode: 'ground',
    node,
    capacityPerStep,
    windows: [{ startStep, endStep }],
    conditionMet: true,
  };
}

function instanceOf(nodeCount: number, arcs: ArcSpec[], persons: number, exits: Exit[]): SchedulingInstance {
  return {
    network: buildNetwork(nodeCount, arcs).network,
    groups: [{ id: 'g', persons, priority: 1, originNode: 0, allowSplit: true }],
    exits,
    horizonSteps: 200,
  };
}

/** A w×w two-way grid with travel times 0–2 (zero-step links as in the rounded TNTP networks), capacities 1–4. */
function randomGrid(seed: number, width: number, persons: number): SchedulingInstance {
  const random = lcg(seed);
  const arcs = randomGridArcs(random, width, { minTravel: 0, travelSpan: 3, maxCapacity: 4 });
  const groups = [0, 1, 2].map((i) => ({
    id: `g${i}`,
    persons: Math.ceil(persons / 3),
    priority: 1,
    originNode: Math.floor(random() * (width * width - 2)) + 1,
    allowSplit: true,
    readyStep: i,
  }));
  return {
    network: buildNetwork(width * width, arcs).network,
    groups,
    exits: [exitAt(0, 3), exitAt(width * width - 1, 2, 3, 200)],
    horizonSteps: 200,
  };
}

describe('quickestEvacuationFlow', () => {
  it('a chain of two 1-step roads taking 2 per step: 6 persons are out by step 4, 4 of them by step 3', () => {
    const instance = instanceOf(
      3,
      [
        { tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 2 },
        { tail: 1, head: 2, travelTimeSteps: 1, capacityPerStep: 2 },
      ],
      6,
      [exitAt(2, 9)],
    );
    expect(quickestEvacuationFlow(instance, 0, 10)).toMatchObject({ step: 4, proven: true });
    expect(maxPersonsOutBy(instance, 3).persons).toBe(4);
    expect(maxPersonsOutBy(instance, 1).persons).toBe(0);
  });

  it('crosses a zero-step link in the step it is entered', () => {
    // 2 per step over the 0-step link, 3 per step over the 1-step road: batches of 2 pass at steps 1, 2, 3.
    const instance = instanceOf(
      3,
      [
        { tail: 0, head: 1, travelTimeSteps: 0, capacityPerStep: 2 },
        { tail: 1, head: 2, travelTimeSteps: 1, capacityPerStep: 3 },
      ],
      6,
      [exitAt(2, 9)],
    );
    expect(quickestEvacuationFlow(instance, 0, 10).step).toBe(3);
    expect(maxPersonsOutBy(instance, 2).persons).toBe(4);
  });

  it('waits for the exit window: a crossing opening at step 5 passes 2 per step', () => {
    const instance = instanceOf(2, [{ tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 10 }], 6, [
      exitAt(1, 2, 5, 200),
    ]);
    expect(quickestEvacuationFlow(instance, 0, 20).step).toBe(7);
  });

  it('reports an unproven step when even upperStep is too short', () => {
    const instance = instanceOf(2, [{ tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 1 }], 10, [exitAt(1, 9)]);
    expect(quickestEvacuationFlow(instance, 0, 5)).toMatchObject({ step: 5, proven: false });
    expect(quickestEvacuationFlow(instance, 0, 50)).toMatchObject({ step: 10, proven: true });
  });

  describe('against the integer program (HiGHS) on random grids with zero-step links', () => {
    let solver: MipSolver;
    beforeAll(async () => {
      solver = await loadHighsSolver();
    });
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      it(`seed ${seed}: same optimum; bound with the plan's sets <= optimum <= plan`, () => {
        const instance = randomGrid(seed, 4, 30);
        const { schedule } = planEvacuation(instance);
        expect(schedule.evacuatedPersons).toBe(schedule.totalPersons);
        const exact = quickestEvacuationFlow(instance, 0, schedule.makespanStep);
        expect(exact.proven).toBe(true);
        expect(exact.step).toBe(quickestEvacuationStep(instance, solver, 0, schedule.makespanStep));
        const bound = makespanLowerBound(instance, schedule.makespanStep, sourceSetsOfPlan(schedule));
        expect(bound.lowerBoundStep).toBeLessThanOrEqual(exact.step);
        expect(exact.step).toBeLessThanOrEqual(schedule.makespanStep);
      });
    }
  });
});

describe('sourceSetsOfPlan', () => {
  it('finds the pair of origins sharing a bottleneck that neither all groups nor one origin reveals', () => {
    // A (node 0) and B (node 1) share a 1-per-step road to exit 3 or take a 31-step road to exit 5; C (node 4, one
    // person) sits next to exit 5 on a wide road. All groups together look fast (C's road counts for everyone);
    // each of A and B alone needs 21 steps; together they need 31.
    const wide = 100;
    const { network } = buildNetwork(6, [
      { tail: 0, head: 2, travelTimeSteps: 1, capacityPerStep: wide },
      { tail: 1, head: 2, travelTimeSteps: 1, capacityPerStep: wide },
      { tail: 2, head: 3, travelTimeSteps: 1, capacityPerStep: 1 },
      { tail: 0, head: 5, travelTimeSteps: 31, capacityPerStep: wide },
      { tail: 1, head: 5, travelTimeSteps: 31, capacityPerStep: wide },
      { tail: 4, head: 5, travelTimeSteps: 1, capacityPerStep: wide },
    ]);
    const instance: SchedulingInstance = {
      network,
      groups: [
        { id: 'a', persons: 20, priority: 1, originNode: 0, allowSplit: true },
        { id: 'b', persons: 20, priority: 1, originNode: 1, allowSplit: true },
        { id: 'c', persons: 1, priority: 1, originNode: 4, allowSplit: true },
      ],
      exits: [exitAt(3, 10), exitAt(5, 200)],
      horizonSteps: 200,
    };
    const { schedule } = planEvacuation(instance);
    expect(makespanLowerBound(instance, schedule.makespanStep).lowerBoundStep).toBe(21);
    const bound = makespanLowerBound(instance, schedule.makespanStep, sourceSetsOfPlan(schedule));
    expect(bound.lowerBoundStep).toBe(31);
    expect([...bound.bindingGroupIds].sort()).toEqual(['a', 'b']);
    expect(quickestEvacuationFlow(instance, 0, schedule.makespanStep).step).toBe(31);
    // The minimum cut at step 30 names the same pair.
    expect(maxPersonsOutBy(instance, 30).sourceSide).toEqual([0, 1]);
    expect(schedule.makespanStep).toBe(31);
  });
});

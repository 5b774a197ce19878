// The level search against brute force on small neighbourhoods (found ⇔ some plan reaches the target, plans feasible
// and scoring at least the target, `none` only when none does), its work budget, and the 1,000 × 10 benchmark seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { improveByExchanges } from './exchange.ts';
import {
  type Fixing,
  fixByReducedCost,
  objectiveStep,
  type PricedModel,
  priceModel,
  priceNeighbourhood,
} from './fixing.ts';
import { formulate, wholeSubproblem } from './formulation.ts';
import { loadHighsSolver } from './highs-solver.ts';
import { planScore, roundLpSolution } from './incumbent.ts';
import { LEVEL_SEARCH_BUDGET, MAX_TABLE_CELLS } from './level-cascade.ts';
import { searchLevel } from './level-search.ts';
import type { MipSolver } from './mip-solver.ts';
import { type AllocationModel, capacityUse, compileAllocation } from './model.ts';
import { expectFeasible } from './plan-assertions.ts';
import { randomAllocationProblem } from './random-instance.ts';
import { refillCountries } from './refill.ts';

/** The budgets the solve uses (calibrated in docs/allocation.md: ~100,000 work units per millisecond). */
const { prove: PROVE_WORK, find: FIND_WORK } = LEVEL_SEARCH_BUDGET;

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function compiled(households: number, countries: number, seed: number): AllocationModel {
  const result = compileAllocation(randomAllocationProblem({ households, countries, seed }));
  if (!result.ok) throw new Error(result.error.kind);
  return result.value;
}

/** LP prices and the LP solution, as the solve computes them. */
function lpPrices(model: AllocationModel): { priced: PricedModel; lpValue: Float64Array } {
  const relaxation = formulate(model, wholeSubproblem(model), false);
  const lp = solver.solve(relaxation.mip, { timeLimitS: 30, absoluteGap: 0 });
  if (lp.rowDuals === undefined) throw new Error(`LP ${lp.status}`);
  const priced = priceModel(model, lp.rowDuals.slice(model.householdCount));
  const lpValue = new Float64Array(model.pairCountry.length);
  relaxation.columnPair.forEach((p, column) => {
    lpValue[p] = lp.values[column]!;
  });
  return { priced, lpValue };
}

/** The plan the solve hands to the neighbourhood: LP rounding, refill, exchange chains. */
function heuristicPlan(model: AllocationModel, priced: PricedModel, lpValue: Float64Array): Int32Array {
  const chosen = roundLpSolution(model, lpValue, priced.reduced);
  if (chosen === undefined) throw new Error('rounding failed');
  refillCountries(model, chosen, priced.reduced, { marginPersons: 50, outsiders: 200, passes: 10 });
  improveByExchanges(model, chosen);
  return chosen;
}

/**
 * The best score of the neighbourhood by enumeration: fixed households keep their choice, free ones take an allowed
 * pair or stay unplaced (unless pinned); −Infinity when no such plan fits the capacities.
 */
function bruteForceBest(model: AllocationModel, fixing: Fixing): number {
  const used = new Float64Array(model.capacityLimit.length);
  const add = (h: number, p: number, sign: number): boolean => {
    const c = model.pairCountry[p]!;
    let fits = true;
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      used[k]! += sign * capacityUse(model, model.capacityKind[k]!, h);
      if (used[k]! > model.capacityLimit[k]! + 1e-9) fits = false;
    }
    return fits;
  };
  let fixedScore = 0;
  let fixedFits = true;
  fixing.fixedPair.forEach((p, h) => {
    if (p < 0) return;
    fixedScore += model.pairScore[p]!;
    if (!add(h, p, 1)) fixedFits = false;
  });
  if (!fixedFits) return -Infinity;
  const free = fixing.sub.households;
  let best = -Infinity;
  const visit = (q: number, total: number): void => {
    if (q === free.length) {
      best = Math.max(best, total);
      return;
    }
    const h = free[q]!;
    if (model.mustPlace[h] === 0) visit(q + 1, total);
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++) {
      if (fixing.sub.pairAllowed[p] !== 1) continue;
      if (add(h, p, 1)) visit(q + 1, total + model.pairScore[p]!);
      add(h, p, -1);
    }
  };
  visit(0, fixedScore);
  return best;
}

/** Small seeded instances with two neighbourhoods each: reduced-cost fixing with a slack, and the solve's own. */
function smallCases(): {
  name: string;
  model: AllocationModel;
  priced: PricedModel;
  lpValue: Float64Array;
  fixing: Fixing;
}[] {
  const cases = [];
  for (let seed = 1; seed <= 12; seed++) {
    const households = 8 + (seed % 5);
    const model = compiled(households, 3, seed);
    const { priced, lpValue } = lpPrices(model);
    const step = objectiveStep(model);
    const start = heuristicPlan(model, priced, lpValue);
    const slack = priced.upperBound - planScore(model, start) + 2 * step;
    cases.push({
      name: `seed ${seed} (${households} × 3) fixing`,
      model,
      priced,
      lpValue,
      fixing: fixByReducedCost(model, priced, slack, start),
    });
    cases.push({
      name: `seed ${seed} (${households} × 3) neighbourhood`,
      model,
      priced,
      lpValue,
      fixing: priceNeighbourhood(model, priced, 2 * step, start),
    });
  }
  return cases;
}

describe('searchLevel on small neighbourhoods, against brute force', () => {
  it('finds a feasible plan reaching the target exactly when one exists; prove says none otherwise', () => {
    let found = 0,
      none = 0;
    for (const { name, model, priced, lpValue, fixing } of smallCases()) {
      const step = objectiveStep(model);
      const best = bruteForceBest(model, fixing);
      const top = Math.floor((priced.upperBound + 1e-6) / step) * step;
      const targets = new Set([top, top - step, top - 2 * step, top - 4 * step]);
      if (Number.isFinite(best)) for (const t of [best - step, best, best + step]) targets.add(t);
      for (const target of targets) {
        for (const mode of ['prove', 'find'] as const) {
          const outcome = searchLevel(model, priced, fixing, lpValue, target, { mode, maxWork: 1e9, seed: 1 });
          const label = `${name}, ${mode} at ${target} (best ${best})`;
          if (best >= target - 1e-6) {
            expect(outcome.kind, label).toBe('found');
            if (outcome.kind !== 'found') continue;
            expectFeasible(model, outcome.chosenPair);
            expect(planScore(model, outcome.chosenPair), label).toBeGreaterThanOrEqual(target - 1e-6);
            fixing.fixedPair.forEach((p, h) => {
              if (p !== -2) expect(outcome.chosenPair[h], `${label}: fixed household ${h}`).toBe(p);
            });
            found++;
          } else {
            expect(outcome.kind, label).toBe('none');
            none++;
          }
        }
      }
    }
    // Both answers occur, so neither half of the test is vacuous.
    expect(found).toBeGreaterThan(20);
    expect(none).toBeGreaterThan(20);
  });

  it('is deterministic: the same call gives the same plan and work', () => {
    const [{ model, priced, lpValue, fixing }] = smallCases();
    const best = bruteForceBest(model!, fixing!);
    const a = searchLevel(model!, priced!, fixing!, lpValue!, best, { mode: 'find', maxWork: 1e9, seed: 3 });
    const b = searchLevel(model!, priced!, fixing!, lpValue!, best, { mode: 'find', maxWork: 1e9, seed: 3 });
    expect(b).toEqual(a);
  });
});

describe('searchLevel on the 1,000 × 10 benchmark, seed 1', () => {
  // The shipped solver's optimum is 612,280; the LP bound rounded down to the step (5) is 612,285.
  it('proves 612,285 out of reach and finds a plan at 612,280 within the calibrated budgets', () => {
    const model = compiled(1000, 10, 1);
    const { priced, lpValue } = lpPrices(model);
    const step = objectiveStep(model);
    expect(step).toBe(5);
    expect(Math.floor((priced.upperBound + 1e-6) / step) * step).toBe(612_285);
    const neighbourhood = priceNeighbourhood(model, priced, 0.4 * step, heuristicPlan(model, priced, lpValue));
    const proof = searchLevel(model, priced, neighbourhood, lpValue, 612_285, { mode: 'prove', maxWork: PROVE_WORK });
    expect(proof.kind).toBe('none');
    const search = searchLevel(model, priced, neighbourhood, lpValue, 612_280, {
      mode: 'find',
      maxWork: FIND_WORK,
      seed: 1,
    });
    expect(search.kind).toBe('found');
    if (search.kind !== 'found') return;
    expectFeasible(model, search.chosenPair);
    expect(planScore(model, search.chosenPair)).toBe(612_280);
    // The same search with a quarter of the work it needs gives up, having spent its budget and at most one search
    // node's look-ahead more (each node's tables are within MAX_TABLE_CELLS).
    const needed = search.work;
    const short = searchLevel(model, priced, neighbourhood, lpValue, 612_280, {
      mode: 'find',
      maxWork: needed / 4,
      seed: 1,
    });
    expect(short.kind).toBe('gave-up');
    expect(short.work).toBeGreaterThan(needed / 4);
    expect(short.work).toBeLessThan(needed / 4 + MAX_TABLE_CELLS);
  });
});

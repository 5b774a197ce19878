// The exchange local search: feasible, never worse, locally optimal, and exact where chains cover every move.
import { describe, expect, it } from 'vitest';
import { improveByExchanges } from './exchange.ts';
import { planScore } from './incumbent.ts';
import { type AllocationModel, capacityUse, compileAllocation } from './model.ts';
import { expectFeasible } from './plan-assertions.ts';
import { randomAllocationProblem } from './random-instance.ts';
import type { AllocationProblem } from './types.ts';

function compiled(problem: AllocationProblem): AllocationModel {
  const result = compileAllocation(problem);
  if (!result.ok) throw new Error(result.error.kind);
  return result.value;
}

/** Every plan of the model enumerated (each household to one of its pairs or nowhere); the best score. */
function bruteForceOptimum(model: AllocationModel): number {
  const used = new Float64Array(model.capacityLimit.length);
  let best = -Infinity;
  const visit = (h: number, total: number): void => {
    if (h === model.householdCount) {
      best = Math.max(best, total);
      return;
    }
    if (model.mustPlace[h] === 0) visit(h + 1, total);
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++) {
      const c = model.pairCountry[p]!;
      let fits = true;
      for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
        used[k]! += capacityUse(model, model.capacityKind[k]!, h);
        if (used[k]! > model.capacityLimit[k]! + 1e-9) fits = false;
      }
      if (fits) visit(h + 1, total + model.pairScore[p]!);
      for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
        used[k]! -= capacityUse(model, model.capacityKind[k]!, h);
      }
    }
  };
  visit(0, 0);
  return best;
}

/** Whether a single shift, or a swap of two households of one size, would raise the score and stay feasible. */
function improvingShiftOrSwapExists(model: AllocationModel, chosen: Int32Array): boolean {
  const options = (h: number): number[] => {
    const list = model.mustPlace[h] === 1 ? [] : [-1];
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++) list.push(p);
    return list;
  };
  const score = planScore(model, chosen);
  const tryPlan = (plan: Int32Array): boolean => {
    if (planScore(model, plan) <= score + 1e-9) return false;
    const used = new Float64Array(model.capacityLimit.length);
    plan.forEach((p, h) => {
      if (p < 0) return;
      const c = model.pairCountry[p]!;
      for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
        used[k]! += capacityUse(model, model.capacityKind[k]!, h);
      }
    });
    return used.every((amount, k) => amount <= model.capacityLimit[k]! + 1e-9);
  };
  const countryOf = (p: number): number => (p < 0 ? -1 : model.pairCountry[p]!);
  for (let a = 0; a < model.householdCount; a++) {
    for (const p of options(a)) {
      const plan = chosen.slice();
      plan[a] = p;
      if (tryPlan(plan)) return true;
      for (let b = a + 1; b < model.householdCount; b++) {
        if (model.persons[b] !== model.persons[a]) continue;
        if (countryOf(chosen[b]!) !== countryOf(p) || countryOf(chosen[a]!) === countryOf(p)) continue;
        for (const q of options(b)) {
          if (countryOf(q) !== countryOf(chosen[a]!)) continue;
          plan[b] = q;
          if (tryPlan(plan)) return true;
          plan[b] = chosen[b]!;
        }
      }
    }
  }
  return false;
}

describe('improveByExchanges', () => {
  it('reaches the optimum of transportation instances (one person per household, person quotas, 3 countries)', () => {
    // With 3 countries there are 4 places, so chains of up to 4 places are every augmenting path and cycle: a plan
    // without an improving chain is optimal, whatever the start.
    for (let seed = 1; seed <= 60; seed++) {
      const base = randomAllocationProblem({ households: 9, countries: 3, seed });
      const problem: AllocationProblem = {
        households: base.households.map((household) => ({
          ...household,
          size: 1,
          needs: { medicalCount: 0, schoolAgeCount: 0 },
        })),
        countries: base.countries.map(({ code, name, languages }, c) => ({
          code,
          name,
          languages,
          quotaPersons: 1 + ((seed + c) % 3),
        })),
      };
      const model = compiled(problem);
      const chosen = new Int32Array(model.householdCount).fill(-1);
      improveByExchanges(model, chosen);
      expectFeasible(model, chosen);
      expect(planScore(model, chosen), `seed ${seed}`).toBeCloseTo(bruteForceOptimum(model), 6);
    }
  });

  it('keeps families whole and quotas kept, never loses score, and ends where no shift or equal-size swap gains', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const problem = randomAllocationProblem({ households: 8, countries: 3, seed, quotaShare: 0.5 });
      const model = compiled(problem);
      const chosen = new Int32Array(model.householdCount).fill(-1);
      const gained = improveByExchanges(model, chosen);
      expectFeasible(model, chosen);
      expect(planScore(model, chosen)).toBeCloseTo(gained, 6);
      expect(planScore(model, chosen)).toBeLessThanOrEqual(bruteForceOptimum(model) + 1e-6);
      expect(improvingShiftOrSwapExists(model, chosen), `seed ${seed}`).toBe(false);
    }
  });

  it('never unplaces a pinned household and improves a large plan without breaking a capacity', () => {
    const base = randomAllocationProblem({ households: 400, countries: 8, seed: 5 });
    const pinned = base.households.slice(0, 20).flatMap((household) => {
      const cleared = base.countries.find((country) => household.vetting[country.code] === 'cleared');
      return cleared === undefined ? [] : [{ kind: 'pin' as const, household: household.id, country: cleared.code }];
    });
    const model = compiled({ ...base, overrides: pinned });
    // Start: pinned households in their country, everyone else unplaced (feasible: pins use little room).
    const chosen = new Int32Array(model.householdCount).fill(-1);
    for (let h = 0; h < model.householdCount; h++) if (model.mustPlace[h] === 1) chosen[h] = model.pairStart[h]!;
    expectFeasible(model, chosen);
    const before = planScore(model, chosen);
    const gained = improveByExchanges(model, chosen);
    expectFeasible(model, chosen);
    expect(gained).toBeGreaterThan(0);
    expect(planScore(model, chosen)).toBeCloseTo(before + gained, 6);
  });
});

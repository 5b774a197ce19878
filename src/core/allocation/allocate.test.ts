// Differential tests: the exact allocation against brute force on small seeded instances, and its invariants.
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';
import { ineligibility } from './eligibility.ts';
import { loadHighsSolver } from './highs-solver.ts';
import type { MipSolver } from './mip-solver.ts';
import { compileAllocation } from './model.ts';
import { randomAllocationProblem, seededRandom } from './random-instance.ts';
import { scoreHousehold } from './score.ts';
import { solveWholeProgram } from './solve.ts';
import { type AllocationPlan, type AllocationProblem, DEFAULT_FIT_WEIGHTS } from './types.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** Small instance with tight quotas; `fractional` gives non-integral priorities (no objective step to lean on). */
function smallProblem(seed: number, fractional: boolean): AllocationProblem {
  const base = randomAllocationProblem({ households: 7, countries: 3, seed, quotaShare: 0.5 });
  const random = seededRandom(seed * 7919);
  return {
    ...base,
    households: base.households.map((household) => ({
      ...household,
      priorityWeight: fractional ? Math.round(random() * 400) / 100 : household.priorityWeight,
    })),
  };
}

/** Every plan enumerated: each household to one eligible country or nowhere, quotas and capacities checked. */
function bruteForceOptimum(problem: AllocationProblem): number {
  const weights = problem.weights ?? DEFAULT_FIT_WEIGHTS;
  const options = problem.households.map((household) =>
    problem.countries.flatMap((country, c) =>
      ineligibility(household, country, []) === undefined
        ? [{ c, score: scoreHousehold(household, country, weights).total }]
        : [],
    ),
  );
  const persons = problem.countries.map(() => 0);
  const households = problem.countries.map(() => 0);
  const medical = problem.countries.map(() => 0);
  let best = 0;
  const visit = (h: number, total: number): void => {
    if (h === problem.households.length) {
      best = Math.max(best, total);
      return;
    }
    visit(h + 1, total);
    const household = problem.households[h]!;
    for (const { c, score } of options[h]!) {
      const country = problem.countries[c]!;
      persons[c]! += household.size;
      households[c]! += 1;
      medical[c]! += household.needs.medicalCount;
      if (
        persons[c]! <= (country.quotaPersons ?? Infinity) &&
        households[c]! <= (country.quotaHouseholds ?? Infinity) &&
        medical[c]! <= (country.medicalCapacity ?? Infinity)
      ) {
        visit(h + 1, total + score);
      }
      persons[c]! -= household.size;
      households[c]! -= 1;
      medical[c]! -= household.needs.medicalCount;
    }
  };
  visit(0, 0);
  return best;
}

/** Checks the plan against the problem: each household once and whole, within every quota and capacity. */
function expectFeasible(problem: AllocationProblem, plan: AllocationPlan): void {
  const seen = new Set<string>();
  for (const id of [...plan.assignments.map((a) => a.household), ...plan.unplaced.map((u) => u.household)]) {
    expect(seen.has(id), `household ${id} listed twice`).toBe(false);
    seen.add(id);
  }
  expect(seen.size).toBe(problem.households.length);
  for (const country of problem.countries) {
    const placed = plan.assignments.filter((a) => a.country === country.code);
    const members = placed.map((a) => problem.households.find((h) => h.id === a.household)!);
    members.forEach((household, i) => {
      expect(placed[i]!.persons).toBe(household.size);
      expect(ineligibility(household, country, [])).toBeUndefined();
    });
    expect(members.reduce((n, h) => n + h.size, 0)).toBeLessThanOrEqual(country.quotaPersons ?? Infinity);
    expect(members.length).toBeLessThanOrEqual(country.quotaHouseholds ?? Infinity);
    expect(members.reduce((n, h) => n + h.needs.medicalCount, 0)).toBeLessThanOrEqual(
      country.medicalCapacity ?? Infinity,
    );
  }
}

describe('allocate against brute force', () => {
  for (const fractional of [false, true]) {
    it(`finds the brute-force optimum on 40 seeded instances (${fractional ? 'fractional' : 'integral'} priorities)`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const problem = smallProblem(seed, fractional);
        const result = allocate(problem, solver);
        if (!result.ok) throw new Error(result.error.kind);
        const { plan } = result.value;
        expect(plan.status).toBe('optimal');
        expect(plan.gap).toBe(0);
        expect(plan.objective).toBeCloseTo(bruteForceOptimum(problem), 6);
        expect(plan.assignments.reduce((n, a) => n + a.score, 0)).toBeCloseTo(plan.objective, 6);
        expectFeasible(problem, plan);
      }
    });
  }

  it('agrees with the whole binary program on medium instances (wide LP optimal faces), within quotas', () => {
    for (const seed of [3, 4, 5]) {
      const problem = randomAllocationProblem({ households: 120, countries: 5, seed });
      const result = allocate(problem, solver);
      if (!result.ok) throw new Error(result.error.kind);
      const compiled = compileAllocation(problem);
      if (!compiled.ok) throw new Error(compiled.error.kind);
      const whole = solveWholeProgram(compiled.value, solver, { timeLimitS: 30 });
      expect(whole.status).toBe('optimal');
      expect(result.value.plan.status).toBe('optimal');
      expect(result.value.plan.objective).toBeCloseTo(whole.objective, 6);
      expectFeasible(problem, result.value.plan);
    }
  });
});

describe('allocate with an accepted gap', () => {
  it('stops once the plan is within the gap of the LP bound, reporting that bound and the gap', () => {
    const problem = randomAllocationProblem({ households: 300, countries: 8, seed: 11 });
    const exact = allocate(problem, solver);
    const loose = allocate(problem, solver, { timeLimitS: 30, relativeGap: 0.01 });
    if (!exact.ok || !loose.ok) throw new Error('allocation failed');
    const { plan, stats } = loose.value;
    // The rounded and refilled plan is within 1 % here, so neither MIP stage runs.
    expect(stats.heuristicSeconds).toBe(0);
    expect(stats.mipSeconds).toBe(0);
    expect(plan.gap).toBeLessThanOrEqual(0.01);
    expect(plan.bound).toBeGreaterThanOrEqual(exact.value.plan.objective - 1e-6);
    expect(plan.objective).toBeLessThanOrEqual(exact.value.plan.objective + 1e-6);
    // Stopped by the accepted gap, not by the clock: the status says which.
    expect(['optimal', 'within-gap']).toContain(plan.status);
    if (plan.status !== 'optimal') expect(plan.gap).toBeCloseTo((plan.bound - plan.objective) / plan.objective, 12);
    expectFeasible(problem, plan);
  });
});

describe('allocate when the solver stops early', () => {
  it('reports time-limit with a real bound and a positive gap, never a silent optimum', () => {
    // The MIP stage "times out" at once, returning its start; the LP stage runs normally.
    const stopping: MipSolver = {
      name: 'stops-at-start',
      solve: (model, limits) => {
        if (!model.integer) return solver.solve(model, limits);
        const values = model.start ?? new Float64Array(model.columnCount);
        let objective = 0;
        values.forEach((v, j) => {
          objective += v * model.objective[j]!;
        });
        return { status: 'time-limit', objective, bound: Infinity, values, rowDuals: undefined, seconds: 0 };
      },
    };
    const problem = randomAllocationProblem({ households: 300, countries: 8, seed: 11 });
    const exact = allocate(problem, solver);
    const early = allocate(problem, stopping);
    if (!exact.ok || !early.ok) throw new Error('allocation failed');
    const plan = early.value.plan;
    expect(plan.status).toBe('time-limit');
    expect(plan.gap).toBeGreaterThan(0);
    expect(plan.bound).toBeGreaterThanOrEqual(exact.value.plan.objective - 1e-6);
    expect(plan.objective).toBeLessThanOrEqual(exact.value.plan.objective + 1e-6);
    expect(plan.gap).toBeCloseTo((plan.bound - plan.objective) / plan.objective, 12);
    expectFeasible(problem, plan);
  });
});

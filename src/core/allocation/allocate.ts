// The allocation's entry point: compile, solve exactly, explain; and re-solve with caseworker overrides.
import { err, ok, type Result } from '../result.ts';
import { explainPlan } from './explain.ts';
import type { MipSolver } from './mip-solver.ts';
import { type AllocationModel, compileAllocation } from './model.ts';
import { type SolveLimits, type SolveStats, solveAllocation } from './solve.ts';
import { type AllocationError, type AllocationPlan, type AllocationProblem, DEFAULT_FIT_WEIGHTS } from './types.ts';

export const DEFAULT_SOLVE_LIMITS: SolveLimits = Object.freeze({ timeLimitS: 30 });

/** A plan with how it was solved (for benchmarks and logs; not part of the printed shape). */
export interface AllocationOutcome {
  readonly plan: AllocationPlan;
  readonly stats: SolveStats;
}

/**
 * @example
 * const solver = await loadHighsSolver();
 * const result = allocate({ households, countries }, solver);
 * if (result.ok) console.log(result.value.plan.status, result.value.plan.gap);
 */
export function allocate(
  problem: AllocationProblem,
  solver: MipSolver,
  limits: SolveLimits = DEFAULT_SOLVE_LIMITS,
): Result<AllocationOutcome, AllocationError> {
  const compiled = compileAllocation(problem);
  if (!compiled.ok) return err(compiled.error);
  const model = compiled.value;
  const solved = solveAllocation(model, solver, limits);
  if (solved.status === 'infeasible') return ok({ plan: infeasiblePlan(problem), stats: solved.stats });
  const countryOf = countryOfHousehold(model, solved.chosenPair);
  const { assignments, unplaced } = explainPlan({
    problem,
    weights: problem.weights ?? DEFAULT_FIT_WEIGHTS,
    model,
    countryOf,
  });
  // Infinity when the solver stopped without any bound (printed as null in JSON): unknown, never a silent 0.
  const gap =
    solved.status === 'optimal' ? 0 : (solved.bound - solved.objective) / Math.max(1, Math.abs(solved.objective));
  return ok({
    plan: { status: solved.status, objective: solved.objective, bound: solved.bound, gap, assignments, unplaced },
    stats: solved.stats,
  });
}

/** The country index chosen for each household (−1 unplaced), from the chosen pair per household. */
export function countryOfHousehold(model: AllocationModel, chosenPair: Int32Array): Int32Array {
  return chosenPair.map((p) => (p < 0 ? -1 : model.pairCountry[p]!));
}

/** No plan honours every pin (pinned households need more room than the quotas give): nobody is placed. */
function infeasiblePlan(problem: AllocationProblem): AllocationPlan {
  const pinned = (problem.overrides ?? []).filter((override) => override.kind === 'pin');
  const reason = `no plan honours all ${pinned.length} pin(s): the pinned households exceed a quota or capacity`;
  return {
    status: 'infeasible',
    objective: 0,
    bound: 0,
    gap: 0,
    assignments: [],
    unplaced: problem.households.map((household) => ({
      household: household.id,
      persons: household.size,
      reason,
      details: [],
    })),
  };
}

// Caseworker overrides: re-solve with pins and exclusions, and report what they cost and who moved.
import type { Result } from '../result.ts';
import { type AllocationOutcome, allocate, DEFAULT_SOLVE_LIMITS } from './allocate.ts';
import type { MipSolver } from './mip-solver.ts';
import type { SolveLimits } from './solve.ts';
import type { AllocationError, AllocationPlan, AllocationProblem, Override } from './types.ts';

/** A household whose destination differs between the plan without and with the overrides (null: unplaced). */
export interface Move {
  readonly household: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** `cost` is the objective lost to the overrides (baseline − overridden; ≥ 0 when both are optimal). */
export interface OverrideImpact {
  readonly baseline: AllocationPlan;
  readonly plan: AllocationPlan;
  readonly overrides: readonly Override[];
  readonly cost: number;
  readonly moved: readonly Move[];
}

/**
 * @example
 * const result = allocateWithOverrides(problem, [{ kind: 'pin', household: 'H7', country: 'CAN' }], solver);
 * if (result.ok) console.log(result.value.cost, result.value.moved);
 */
export function allocateWithOverrides(
  problem: AllocationProblem,
  overrides: readonly Override[],
  solver: MipSolver,
  limits: SolveLimits = DEFAULT_SOLVE_LIMITS,
): Result<OverrideImpact, AllocationError> {
  const withOverrides = allocate(
    { ...problem, overrides: [...(problem.overrides ?? []), ...overrides] },
    solver,
    limits,
  );
  if (!withOverrides.ok) return withOverrides;
  const baseline = allocate({ ...problem, overrides: problem.overrides ?? [] }, solver, limits);
  if (!baseline.ok) return baseline;
  return { ok: true, value: compare(baseline.value, withOverrides.value, overrides) };
}

function compare(
  baseline: AllocationOutcome,
  overridden: AllocationOutcome,
  overrides: readonly Override[],
): OverrideImpact {
  const before = destinations(baseline.plan);
  const after = destinations(overridden.plan);
  const moved: Move[] = [];
  for (const [household, from] of before) {
    const to = after.get(household) ?? null;
    if (from !== to) moved.push({ household, from, to });
  }
  return {
    baseline: baseline.plan,
    plan: overridden.plan,
    overrides,
    cost: baseline.plan.objective - overridden.plan.objective,
    moved,
  };
}

function destinations(plan: AllocationPlan): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const unplaced of plan.unplaced) map.set(unplaced.household, null);
  for (const assignment of plan.assignments) map.set(assignment.household, assignment.country);
  return map;
}

// Allocation stage: households to partner countries under quotas and vetting, proven optimal (or with its gap), explained.

import { loadHighsSolver } from '../../core/allocation/highs-solver.ts';
import { allocate, allocateWithOverrides, type Move } from '../../core/allocation/index.ts';
import type { AllocationPlan, AllocationProblem, Override } from '../../core/allocation/types.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { DangerLevel } from '../../core/triage/index.ts';
import { allocationProblem } from '../adapters/allocation-problem.ts';

export interface AllocationSection extends AllocationPlan {
  /** Persons placed per country against its quota. */
  readonly by_country: readonly {
    readonly country: string;
    readonly households: number;
    readonly persons: number;
    readonly quota_persons?: number;
  }[];
  /** Present when caseworker overrides were applied: what they cost against the plan without them. */
  readonly overrides?: {
    readonly applied: readonly Override[];
    readonly objective_delta: number;
    readonly moved: readonly Move[];
  };
}

export type AllocationStageResult =
  | { readonly ok: true; readonly section: AllocationSection; readonly problem: AllocationProblem }
  | { readonly ok: false; readonly message: string };

export async function runAllocation(
  scenario: Scenario,
  levelOf: ReadonlyMap<string, DangerLevel>,
  overrides: readonly Override[] = [],
  timeLimitS = 30,
): Promise<AllocationStageResult> {
  if (scenario.countries.length === 0)
    return { ok: false, message: 'no partner countries in the scenario (countries.csv)' };
  const problem = allocationProblem(scenario, levelOf);
  const solver = await loadHighsSolver();
  let plan: AllocationPlan;
  let impact: AllocationSection['overrides'];
  if (overrides.length > 0) {
    const result = allocateWithOverrides(problem, overrides, solver, { timeLimitS });
    if (!result.ok) return { ok: false, message: `allocation: ${describeError(result.error)}` };
    plan = result.value.plan;
    impact = {
      applied: overrides,
      objective_delta: plan.objective - result.value.baseline.objective,
      moved: result.value.moved,
    };
  } else {
    const result = allocate(problem, solver, { timeLimitS });
    if (!result.ok) return { ok: false, message: `allocation: ${describeError(result.error)}` };
    plan = result.value.plan;
  }
  const byCountry = scenario.countries.map((c) => {
    const placed = plan.assignments.filter((a) => a.country === c.code);
    return {
      country: c.code,
      households: placed.length,
      persons: placed.reduce((n, a) => n + a.persons, 0),
      ...(c.quota_persons !== undefined ? { quota_persons: c.quota_persons } : {}),
    };
  });
  return {
    ok: true,
    problem: { ...problem, overrides },
    section: { ...plan, by_country: byCountry, ...(impact ? { overrides: impact } : {}) },
  };
}

function describeError(error: { kind: string } & Record<string, unknown>): string {
  const details = Object.entries(error)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('/') : String(v)}`)
    .join(', ');
  return `${error.kind.replaceAll('-', ' ')}${details ? ` (${details})` : ''}`;
}

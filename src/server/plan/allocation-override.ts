// A caseworker's allocation override: checked against vetting, re-solved with every override in force, saved as a run.
import { ineligibility } from '../../core/allocation/index.ts';
import type { Override } from '../../core/allocation/types.ts';
import { allocationProblem } from '../../pipeline/adapters/allocation-problem.ts';
import { type AllocationSection, runAllocation } from '../../pipeline/stages/allocation-stage.ts';
import { runTriage } from '../../pipeline/stages/triage-stage.ts';
import {
  type AccessContext,
  type Allocation,
  exportScenario,
  type OverrideSaveError,
  overridesInForce,
  saveOverrideRun,
} from '../../store/index.ts';
import { ApiProblem } from '../problem.ts';
import type { ServerState } from '../server-state.ts';

export interface OverrideOutcome {
  readonly allocation: AllocationSection;
  readonly impact: {
    readonly objective_delta: number;
    readonly moved: NonNullable<AllocationSection['overrides']>['moved'];
  };
}

/** The override list after `next`: it replaces an earlier word on the same household and country, and a new pin an older pin. */
export function withOverride(overrides: readonly Override[], next: Override): Override[] {
  const replaced = (o: Override) =>
    o.household === next.household && (o.country === next.country || (o.kind === 'pin' && next.kind === 'pin'));
  return [...overrides.filter((o) => !replaced(o)), next];
}

function rejected(detail: string, code: string): ApiProblem {
  return new ApiProblem('override-rejected', detail, { issues: [{ path: 'body', code, message: detail }] });
}

/**
 * Adds `override` to the scenario's overrides, re-runs the allocation on the exported scenario (audited) and
 * saves it as an `allocation` run holding every override in force, notes sealed (src/store/allocation-overrides.ts).
 * A pin the country's vetting does not allow, an unknown household or country, or overrides no plan can honour
 * are a 422 and nothing is saved; another override saved while this one was solved is a 409 `conflict` (saving
 * would drop it) and nothing is saved. `objective_delta` is the plan with every override in force against the
 * plan without any. The response shows the notes to the coordinator; the stored result holds none.
 */
export async function applyOverride(
  state: Pick<ServerState, 'store'>,
  ctx: AccessContext,
  scenarioId: string,
  override: Override,
): Promise<OverrideOutcome> {
  const exported = await exportScenario(state.store, ctx, scenarioId);
  if (!exported.ok)
    throw exported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', `not allowed: ${exported.error.action}`)
      : new Error(`export failed: ${exported.error.kind}`);
  const scenario = exported.value;
  const levels = new Map(runTriage(scenario).households.map((h) => [h.householdId, h.level]));
  const problem = allocationProblem(scenario, levels);
  const household = problem.households.find((h) => h.id === override.household);
  if (household === undefined)
    throw rejected(`no household ${override.household} in this scenario`, 'unknown-household');
  const country = problem.countries.find((c) => c.code === override.country);
  if (country === undefined)
    throw rejected(`no partner country ${override.country} in this scenario`, 'unknown-country');
  if (override.kind === 'pin') {
    const why = ineligibility(household, country, []);
    if (why !== undefined)
      throw rejected(`${override.household} cannot be pinned to ${override.country}: ${why.message}`, why.kind);
  }
  const inForce = await overridesInForce(state.store, scenarioId);
  if (!inForce.ok) throw new Error(`override notes cannot be opened: ${inForce.error.kind}`);
  const overrides = withOverride(inForce.value.overrides, override);
  const run = await runAllocation(scenario, levels, overrides);
  if (!run.ok) throw rejected(run.message, 'allocation-failed');
  const section = run.section;
  const rows: Allocation[] = [
    ...section.assignments.map((a) => ({ householdId: a.household, country: a.country, status: 'placed' })),
    ...section.unplaced.map((u) => ({ householdId: u.household, country: null, status: 'unplaced' })),
  ];
  const saved = await saveOverrideRun(state.store, ctx, {
    scenarioId,
    basedOn: inForce.value.runId,
    overrides,
    override,
    result: { allocation: withoutNotes(section) },
    allocations: rows,
  });
  if (!saved.ok) throw saveProblem(saved.error);
  return {
    allocation: section,
    impact: { objective_delta: section.overrides?.objective_delta ?? 0, moved: section.overrides?.moved ?? [] },
  };
}

/** The section as stored: the overrides it applied without their notes (sealed in the run's parameters instead). */
function withoutNotes(section: AllocationSection): AllocationSection {
  if (section.overrides === undefined) return section;
  const applied = section.overrides.applied.map(({ note: _, ...override }) => override);
  return { ...section, overrides: { ...section.overrides, applied } };
}

function saveProblem(error: OverrideSaveError): ApiProblem {
  switch (error.kind) {
    case 'conflict':
      return new ApiProblem(
        'conflict',
        'another override was saved on this scenario while this one was being solved; reload the allocation and try again',
      );
    case 'forbidden':
      return new ApiProblem('forbidden', `not allowed: ${error.action}`);
    case 'no-such-scenario':
      return new ApiProblem('no-scenario', 'import a scenario first');
  }
}

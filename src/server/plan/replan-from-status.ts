// Re-plans a stored plan from the recorded check-in events at an operation time, and saves it as a derived plan run.
import type { Convoy } from '../../core/scheduling/convoy-types.ts';
import type { PlanResult } from '../../pipeline/plan.ts';
import { planFromStatus, type StatusReplanError, type StatusReplanSection } from '../../pipeline/replan-from-status.ts';
import type { AllocationSection } from '../../pipeline/stages/allocation-stage.ts';
import { type AccessContext, exportScenario, latestPlanRun, savePlanRun, statusEventsOf } from '../../store/index.ts';
import { latestAllocationOf } from '../data/plan-runs.ts';
import { ApiProblem } from '../problem.ts';
import type { ServerState } from '../server-state.ts';
import { PlanQueue } from './plan-queue.ts';

/** A plan run's `parameters` when it is a re-plan from the live status (the raw convoys seed the next re-plan). */
interface DerivedParameters {
  readonly kind: 'status-replan';
  readonly derived_from: string;
  readonly at: string;
  readonly convoys: readonly Convoy[];
}

export interface DerivedPlan {
  readonly plan: PlanResult & { readonly status_replan: StatusReplanSection };
  readonly planRunId: string;
}

/**
 * Reads the latest plan run and the status events, re-plans at `at` (from the previous re-plan's own convoys when
 * the latest run is one), and saves the result as a new plan run derived from the latest. `ctx` must be allowed
 * plan.run, scenario.export and situation.read; the store checks each again.
 */
export async function replanFromStatusAndSave(
  state: Pick<ServerState, 'store' | 'scenarioDir'>,
  ctx: AccessContext,
  scenarioId: string,
  at: string,
): Promise<DerivedPlan> {
  const latest = await latestPlanRun(state.store.db, scenarioId, ['routing'])
    .select(['id', 'result', 'parameters'])
    .executeTakeFirst();
  if (latest === undefined) throw new ApiProblem('no-plan', 'no plan has been run on this scenario yet');
  const previous = latest.result as PlanResult;
  const parameters = latest.parameters as Partial<DerivedParameters> | null;
  const exported = await exportScenario(state.store, ctx, scenarioId);
  if (!exported.ok)
    throw exported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', `not allowed: ${exported.error.action}`)
      : new Error(`export failed: ${exported.error.kind}`);
  const log = await statusEventsOf(state.store, ctx, scenarioId);
  if (!log.ok)
    throw log.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', `not allowed: ${log.error.action}`)
      : new ApiProblem('no-scenario', 'import a scenario first');
  const replanned = await planFromStatus(exported.value, {
    scenarioDir: state.scenarioDir,
    events: log.value.events,
    at,
    ...(parameters?.kind === 'status-replan' && parameters.convoys ? { baseConvoys: parameters.convoys } : {}),
  });
  if (!replanned.ok) throw replanProblem(replanned.error);
  // The allocation in force may be an override's re-run newer than `previous`: the re-plan must not undo it.
  const inForce = await latestAllocationOf(state.store, scenarioId);
  const { allocation: _previousAllocation, ...rest } = previous;
  const plan = {
    ...rest,
    ...(inForce?.allocation === undefined ? {} : { allocation: inForce.allocation as AllocationSection }),
    schedule: replanned.value.section,
    status_replan: { ...replanned.value.summary, derived_from: latest.id },
  };
  const derived: DerivedParameters = {
    kind: 'status-replan',
    derived_from: latest.id,
    at,
    convoys: replanned.value.result.schedule.convoys,
  };
  const saved = await savePlanRun(state.store, ctx, {
    scenarioId,
    kind: 'routing',
    parameters: derived,
    result: plan,
    derivedFrom: latest.id,
  });
  if (!saved.ok) throw new ApiProblem('forbidden', `not allowed: ${saved.error.kind}`);
  return { plan, planRunId: saved.value.planRunId };
}

function replanProblem(error: StatusReplanError): ApiProblem {
  switch (error.kind) {
    case 'bad-time':
      return new ApiProblem('invalid-request', `not a time with an offset: ${error.at}`);
    case 'out-of-range':
      return new ApiProblem('invalid-request', error.message, {
        issues: [{ path: 'body.at', message: error.message }],
      });
    case 'no-schedule':
      return new ApiProblem('no-plan', error.message);
  }
}

/** Re-plans through the scenario's plan queue: after the full plans already asked for, before those asked later. */
export function requestReplanFromStatus(
  state: ServerState,
  contextAt: (now: Date) => AccessContext,
  scenarioId: string,
  at: string,
): Promise<DerivedPlan> {
  let queue = state.planQueues.get(scenarioId);
  if (queue === undefined) {
    queue = new PlanQueue();
    state.planQueues.set(scenarioId, queue);
  }
  // Stamped when it runs, so the newest run is the one saved last.
  return queue.exclusive(() => replanFromStatusAndSave(state, contextAt(state.now()), scenarioId, at));
}

// Runs the plan pipeline on an organisation's stored scenario and saves the result as a plan run.
import { type PlanResult, runPlan } from '../../pipeline/plan.ts';
import { type AccessContext, exportScenario, savePlanRun } from '../../store/index.ts';
import { latestPlanOf, storedOverridesOf } from '../data/plan-runs.ts';
import { ApiProblem } from '../problem.ts';
import type { ServerState } from '../server-state.ts';
import { PlanQueue } from './plan-queue.ts';
import { type RouteChanges, routeChanges } from './route-changes.ts';

export interface StoredPlan {
  readonly plan: PlanResult;
  readonly changes: RouteChanges;
}

/**
 * Exports the scenario (audited as a read of every person), plans with the stored allocation overrides, saves. `ctx` must be allowed
 * scenario.export and plan.run; the store checks both again.
 */
export async function planAndSave(
  state: Pick<ServerState, 'store' | 'scenarioDir'>,
  ctx: AccessContext,
  scenarioId: string,
): Promise<StoredPlan> {
  const before = (await latestPlanOf(state.store, scenarioId)) as PlanResult | undefined;
  const exported = await exportScenario(state.store, ctx, scenarioId);
  if (!exported.ok)
    throw exported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', `not allowed: ${exported.error.action}`)
      : new Error(`export failed: ${exported.error.kind}`);
  // The caseworkers' allocation overrides stay in force when the whole plan runs again.
  const overrides = await storedOverridesOf(state.store, scenarioId);
  const plan = await runPlan(exported.value, { scenarioDir: state.scenarioDir, overrides });
  const saved = await savePlanRun(state.store, ctx, {
    scenarioId,
    kind: 'routing',
    parameters: { stages: plan.stages },
    result: plan,
  });
  if (!saved.ok) throw new ApiProblem('forbidden', `not allowed: ${saved.error.kind}`);
  return { plan, changes: routeChanges(before, plan) };
}

/**
 * Plans through the scenario's coalescing queue: callers arriving while a run waits share it, and every
 * caller's earlier writes are in the run it gets.
 */
export function requestPlan(
  state: ServerState,
  contextAt: (now: Date) => AccessContext,
  scenarioId: string,
): Promise<StoredPlan> {
  let queue = state.planQueues.get(scenarioId) as PlanQueue<StoredPlan> | undefined;
  if (queue === undefined) {
    queue = new PlanQueue<StoredPlan>();
    state.planQueues.set(scenarioId, queue as PlanQueue);
  }
  return queue.request(() => planAndSave(state, contextAt(state.now()), scenarioId));
}

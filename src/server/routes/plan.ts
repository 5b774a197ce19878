// The plan: read the latest run, or run every stage on the stored scenario and save it; a full plan says when it
// ignores recorded check-ins.
import { z } from 'zod';
import type { Store } from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { latestPlanOf } from '../data/plan-runs.ts';
import { requestReplanFromStatus } from '../plan/replan-from-status.ts';
import { requestPlan } from '../plan/run-stored-plan.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const replanBody = z.strictObject({
  at: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
      'a time with an offset, e.g. 2018-07-21T23:00+03:00',
    ),
});

export const planRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/plan',
    access: 'plan.read',
    summary: 'The latest plan (the plan.json of `safepassage plan`)',
    responds:
      'the plan, with `warnings`: [{ kind: "status-ignored", events, hint }] when it is a full plan and check-ins are recorded; 404 no-plan before the first run',
    handler: async ({ store, actor }) => {
      const scenario = await requireScenarioOf(store, actor?.organisationId ?? '');
      const plan = (await latestPlanOf(store, scenario.id)) as { readonly status_replan?: unknown } | undefined;
      if (plan === undefined) throw new ApiProblem('no-plan', 'no plan has been run on this scenario yet');
      // A re-plan from the status started from the check-ins (its `status_replan` says at which time).
      const warnings = plan.status_replan === undefined ? await statusIgnoredWarnings(store, scenario.id) : [];
      return { json: { ...plan, warnings } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/plan',
    access: 'plan.run',
    summary: 'Run every stage on the stored scenario, save and return the new plan',
    responds:
      'the new plan, with `warnings`: [{ kind: "status-ignored", events, hint }] when check-ins are already recorded (the plan starts from the scenario, not from them)',
    handler: async (request) => {
      const scenario = await requireScenarioOf(request.store, request.actor?.organisationId ?? '');
      const result = await requestPlan(request.state, (now) => accessOf({ ...request, now }, 'plan run'), scenario.id);
      return { json: { ...result.plan, warnings: await statusIgnoredWarnings(request.store, scenario.id) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/plan/replan-from-status',
    access: 'plan.run',
    summary:
      'Re-plan from the recorded check-ins at an operation time: out stays out, boarded stays on its vehicle, the rest planned again; saved as a plan derived from the latest',
    body: replanBody,
    responds:
      'the new plan, with `status_replan`: kept/changed convoys, newly stranded, households whose instruction changed',
    handler: async (request) => {
      const purpose = 'plan re-plan from status';
      const scenario = await requireScenarioOf(request.store, accessOf(request, purpose).actor.organisationId);
      const result = await requestReplanFromStatus(
        request.state,
        (now) => accessOf({ ...request, now }, purpose),
        scenario.id,
        request.body.at,
      );
      return { json: result.plan };
    },
  }),
];

/** What a plan's reader must know before acting on it; not part of the saved plan. */
export interface PlanWarning {
  readonly kind: 'status-ignored';
  /** Status events recorded on the scenario (check-ins, boardings, crossings, missing, turned back…). */
  readonly events: number;
  readonly hint: string;
}

/**
 * A full plan starts every household at the scenario's start: once check-ins are recorded it may send a family
 * already across back to an assembly point. Says so, with how many events it leaves out; the plan is not changed.
 */
async function statusIgnoredWarnings(store: Store, scenarioId: string): Promise<PlanWarning[]> {
  const row = await store.db
    .selectFrom('status_events')
    .select((eb) => eb.fn.countAll().as('events'))
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirst();
  // PostgreSQL counts as bigint, which the driver returns as a string.
  const events = Number(row?.events ?? 0);
  if (events === 0) return [];
  return [
    {
      kind: 'status-ignored',
      events,
      hint: 'this plan starts from the scenario, not from the recorded check-ins: use POST /api/plan/replan-from-status',
    },
  ];
}

// The plan: read the latest run, or run every stage on the stored scenario and save it.
import { z } from 'zod';
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
    responds: 'the plan; 404 no-plan before the first run',
    handler: async ({ store, actor }) => {
      const scenario = await requireScenarioOf(store, actor?.organisationId ?? '');
      const plan = await latestPlanOf(store, scenario.id);
      if (plan === undefined) throw new ApiProblem('no-plan', 'no plan has been run on this scenario yet');
      return { json: plan };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/plan',
    access: 'plan.run',
    summary: 'Run every stage on the stored scenario, save and return the new plan',
    responds: 'the new plan',
    handler: async (request) => {
      const scenario = await requireScenarioOf(request.store, request.actor?.organisationId ?? '');
      const result = await requestPlan(request.state, (now) => accessOf({ ...request, now }, 'plan run'), scenario.id);
      return { json: result.plan };
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

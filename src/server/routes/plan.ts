// The plan: read the latest run, or run every stage on the stored scenario and save it.
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { latestPlanOf } from '../data/plan-runs.ts';
import { requestPlan } from '../plan/run-stored-plan.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

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
];

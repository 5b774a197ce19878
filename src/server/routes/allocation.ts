// Resettlement allocation: the latest one, and a caseworker's pin or forbid re-solved with what it costs.
import { z } from 'zod';
import type { Override } from '../../core/allocation/types.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { latestAllocationOf } from '../data/plan-runs.ts';
import { applyOverride } from '../plan/allocation-override.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const overrideBody = z.strictObject({
  household: z.string().min(1).max(100),
  country: z.string().min(1).max(20),
  kind: z.enum(['pin', 'forbid']),
  note: z.string().max(500).optional(),
});

export const allocationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/allocation',
    access: 'plan.read',
    summary: 'The latest allocation (of the latest plan, or of the latest override re-run)',
    responds: '{ status, objective, bound, gap, assignments, unplaced, by_country, overrides? }; 404 no-plan',
    handler: async ({ store, actor }) => {
      const scenario = await requireScenarioOf(store, actor?.organisationId ?? '');
      const latest = await latestAllocationOf(store, scenario.id);
      if (latest === undefined) throw new ApiProblem('no-plan', 'no plan has been run on this scenario yet');
      if (latest.allocation === undefined)
        throw new ApiProblem('no-plan', `the latest plan has no allocation: ${latest.problems.join('; ')}`);
      return { json: latest.allocation };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/allocation/overrides',
    access: 'allocation.override',
    summary: 'Pin a household to a country or forbid it one; re-solve with every override and report the cost',
    body: overrideBody,
    responds: '{ allocation, impact: { objective_delta, moved: [ { household, from, to } ] } }; 422 override-rejected',
    handler: async (request) => {
      const ctx = accessOf(request, 'allocation override');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { household, country, kind, note } = request.body;
      const override: Override = { kind, household, country, ...(note === undefined ? {} : { note }) };
      return { json: await applyOverride(request.state, ctx, scenario.id, override) };
    },
  }),
];

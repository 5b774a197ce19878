// De-duplication review: the matcher's persons and uncertain pairs, and a reviewer's same / different / undo on a pair.
import { z } from 'zod';
import { decideMerge, undoMergeDecision } from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { decisionProblem, dedupeView, recordsOfPair, runRegistryDedupe } from '../dedupe/dedupe-review.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const PURPOSE = 'de-duplication review';

const pairId = z.string().min(3).max(401);

const decisionBody = z.strictObject({ pair_id: pairId, decision: z.enum(['accept', 'reject']) });

const VIEW =
  '{ clusters: [ { id, recordIds, confidence, merges } ], review: [ { pair_id, a, b, score, points, reasons, decision } ] }';

export const dedupeRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/dedupe',
    access: 'dedup.review',
    summary: 'Persons with several records and the pairs to review, reviewer decisions replayed (audited reads)',
    responds: VIEW,
    handler: async (request) => {
      const ctx = accessOf(request, PURPOSE);
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const run = await runRegistryDedupe(request.store, ctx, scenario.id);
      return { json: await dedupeView(request.store, ctx, run) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dedupe/decisions',
    access: 'dedup.review',
    summary: "A reviewer's decision on a pair: accept (one person) or reject (two people); audited",
    body: decisionBody,
    responds: `the new ${VIEW}; 409 conflict when the pair is already decided`,
    handler: async (request) => {
      const ctx = accessOf(request, PURPOSE);
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const run = await runRegistryDedupe(request.store, ctx, scenario.id);
      const records = recordsOfPair(run, request.body.pair_id);
      if (records === undefined)
        throw new ApiProblem('invalid-request', `no pair ${request.body.pair_id} in this scenario`, {
          issues: [{ path: 'body.pair_id', message: 'two record ids of the scenario joined by ~' }],
        });
      const kind = request.body.decision === 'accept' ? 'merge' : 'keepApart';
      const decided = await decideMerge(request.store, ctx, scenario.id, records[0], records[1], kind);
      if (!decided.ok) throw decisionProblem(decided.error);
      return { json: await dedupeView(request.store, ctx, run) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/dedupe/decisions/:pair_id',
    access: 'dedup.review',
    summary: "Undo a reviewer's decision on a pair (the row is deleted, the deletion audited)",
    params: z.strictObject({ pair_id: pairId }),
    responds: `the new ${VIEW}; 404 not-found when the pair has no decision`,
    handler: async (request) => {
      const ctx = accessOf(request, PURPOSE);
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const run = await runRegistryDedupe(request.store, ctx, scenario.id);
      const records = recordsOfPair(run, request.params.pair_id);
      if (records === undefined) throw new ApiProblem('not-found', 'no decision on this pair');
      const undone = await undoMergeDecision(request.store, ctx, scenario.id, records[0], records[1]);
      if (!undone.ok) throw decisionProblem(undone.error);
      return { json: await dedupeView(request.store, ctx, run) };
    },
  }),
];

// The newest saved plan run of a scenario among some kinds: what an issue, an override and the server's read-back
// each start from.
import type { Kysely, Transaction } from 'kysely';
import type { PlanRunKind } from './plan-runs.ts';
import type { StoreSchema } from './schema.ts';

/**
 * The query for the run saved last (by `created_at`, then id) whose kind is one of `kinds`; the caller selects the
 * columns it reads (a run's `result` can be large).
 * @example const run = await latestPlanRun(store.db, scenarioId, ['routing']).select(['id', 'result']).executeTakeFirst();
 */
export function latestPlanRun(
  db: Kysely<StoreSchema> | Transaction<StoreSchema>,
  scenarioId: string,
  kinds: readonly PlanRunKind[],
) {
  return db
    .selectFrom('plan_runs')
    .where('scenario_id', '=', scenarioId)
    .where('kind', 'in', kinds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
}

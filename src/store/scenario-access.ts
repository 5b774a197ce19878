// The policy check every scenario-scoped store function starts with: the scenario must exist, and the actor may do
// the action on the organisation that owns it.
import type { Kysely, Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, check, type Forbidden } from './access-context.ts';
import type { Action } from './policy.ts';
import type { StoreSchema } from './schema.ts';

export type ScenarioAccessError = Forbidden | { readonly kind: 'no-such-scenario'; readonly scenarioId: string };

/**
 * The policy's answer for `action` on the organisation that owns the scenario.
 * @example const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'situation.read'); if (!allowed.ok) return allowed;
 */
export async function allowedOnScenario(
  db: Kysely<StoreSchema> | Transaction<StoreSchema>,
  ctx: AccessContext,
  scenarioId: string,
  action: Action,
): Promise<Result<void, ScenarioAccessError>> {
  const scenario = await db
    .selectFrom('scenarios')
    .select('organisation_id')
    .where('id', '=', scenarioId)
    .executeTakeFirst();
  if (scenario === undefined) return err({ kind: 'no-such-scenario', scenarioId });
  const allowed = check(ctx, action, { kind: 'organisation', organisationId: scenario.organisation_id });
  return allowed.ok ? ok(undefined) : allowed;
}

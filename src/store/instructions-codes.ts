// Pickup codes at the assembly point: which household a spoken code belongs to, checked against the salted
// hashes only; single use (an append-only use per code, its primary key the guard); every attempt audited. Also
// which households hold a spent code they will need again (a new one is issued to them).
import { checkCode } from '../core/operation/index.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { type CodeCheckLimits, type CodeChecksPaused, codeChecksPaused } from './code-check-limit.ts';
import { type Db, type InstructionVersion, pickupCodeHash, storedOf } from './instructions-versions.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import type { Store } from './store.ts';

/** The household a code belongs to, with what the officer needs to check it in. */
export interface VerifiedCode {
  readonly household_id: string;
  readonly person_ids: readonly string[];
  readonly assembly_point: string;
  readonly valid_from: string;
  readonly valid_to: string;
}

export type CodeCheckError =
  | ScenarioAccessError
  /** No instruction in force has this code (or the words are not a code at all). */
  | { readonly kind: 'code-unknown' }
  | { readonly kind: 'code-outside-window'; readonly valid_from: string; readonly valid_to: string }
  | { readonly kind: 'code-used'; readonly used_at: string }
  /** Too many failed checks by this user lately (`limits` in the request): the code was not looked at. */
  | CodeChecksPaused;

/**
 * Finds the household whose code in force is `spoken` (either language, either digit script, any case) and checks
 * it at `at`. With `consume`, marks it used: a second use is `code-used`, even from two phones at once.
 * @example await verifyPickupCode(store, ctx, scenarioId, { code: 'chalk 95', at, consume: true })
 */
export async function verifyPickupCode(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  request: { readonly code: string; readonly at: string; readonly consume: boolean; readonly limits?: CodeCheckLimits },
): Promise<Result<VerifiedCode, CodeCheckError>> {
  const hash = pickupCodeHash(store.keyring);
  return store.db.transaction().execute(async (trx): Promise<Result<VerifiedCode, CodeCheckError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'pickup-code.verify');
    if (!allowed.ok) return allowed;
    if (request.limits !== undefined) {
      // Counted under the user's row lock in this transaction, so parallel checks cannot outrun the limit.
      const paused = await codeChecksPaused(trx, store.keyring, ctx, scenarioId, request.limits);
      if (paused !== undefined) return err(paused);
    }
    const refuse = async (
      error: Exclude<CodeCheckError, ScenarioAccessError | CodeChecksPaused>,
      householdId?: string,
    ) => {
      // Failed attempts are audited too: many of them from one account is someone guessing.
      await appendAudit(trx, store.keyring, [
        auditOf(
          ctx,
          `code:${error.kind}`,
          householdId === undefined ? 'scenario' : 'household',
          householdId ?? scenarioId,
        ),
      ]);
      return err(error);
    };
    const versions = await trx
      .selectFrom('instructions')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where('superseded_at', 'is', null)
      .where('code_hash', 'is not', null)
      .execute();
    const uses = new Map(
      (
        await trx
          .selectFrom('pickup_code_uses')
          .select(['message_id', 'used_at'])
          .where('scenario_id', '=', scenarioId)
          .execute()
      ).map((u) => [u.message_id, u.used_at]),
    );
    for (const v of versions) {
      const checked = checkCode(storedOf(v), request.code, request.at, hash, uses.get(v.message_id));
      if (!checked.ok && checked.error.kind === 'wrong-code') continue;
      if (!checked.ok) {
        const e = checked.error;
        if (e.kind === 'unknown-word') return refuse({ kind: 'code-unknown' });
        if (e.kind === 'already-used') return refuse({ kind: 'code-used', used_at: e.used_at }, v.household_id);
        return refuse(
          { kind: 'code-outside-window', valid_from: v.valid_from ?? '', valid_to: v.valid_until ?? '' },
          v.household_id,
        );
      }
      if (request.consume) {
        const inserted = await trx
          .insertInto('pickup_code_uses')
          .values({
            message_id: v.message_id,
            scenario_id: scenarioId,
            household_id: v.household_id,
            used_at: request.at,
            recorded_by: ctx.actor.userId,
            received_at: ctx.now,
          })
          .onConflict((c) => c.column('message_id').doNothing())
          .returning('message_id')
          .execute();
        if (inserted.length === 0) return refuse({ kind: 'code-used', used_at: request.at }, v.household_id);
      }
      const household = await trx
        .selectFrom('households')
        .select(['head_id', 'member_ids'])
        .where('scenario_id', '=', scenarioId)
        .where('household_id', '=', v.household_id)
        .executeTakeFirst();
      await appendAudit(trx, store.keyring, [
        auditOf(ctx, request.consume ? 'code:used' : 'code:verified', 'household', v.household_id),
      ]);
      return ok({
        household_id: v.household_id,
        person_ids: household === undefined ? [] : [...new Set([household.head_id, ...household.member_ids])],
        assembly_point: v.assembly_point ?? '',
        valid_from: v.valid_from ?? '',
        valid_to: v.valid_until ?? '',
      });
    }
    return refuse({ kind: 'code-unknown' });
  });
}

/**
 * The households among `inForce` whose code in force was accepted at an assembly point (spent: single use) and that
 * will come to an assembly point again with it: carried by the plan and not under way now (turned back, declined and
 * back, or never checked in after the code was accepted). The officers would refuse that code as used: they need a new
 * one. A household under way keeps its spent code (the officers with it have it).
 * @example await spentCodeHouseholds(trx, scenarioId, inForce, { carried, underWay })
 */
export async function spentCodeHouseholds(
  db: Db,
  scenarioId: string,
  inForce: readonly InstructionVersion[],
  households: { readonly carried: ReadonlySet<string>; readonly underWay: ReadonlySet<string> },
): Promise<Set<string>> {
  const used = await db
    .selectFrom('pickup_code_uses')
    .select('message_id')
    .where('scenario_id', '=', scenarioId)
    .execute();
  // A quiet version shares its message (and code) with the version before it: a use of that message spends it too.
  const spent = new Set(used.map((u) => u.message_id));
  return new Set(
    inForce
      .filter((v) => v.code_hash !== null && spent.has(v.message_id))
      .map((v) => v.household_id)
      .filter((id) => households.carried.has(id) && !households.underWay.has(id)),
  );
}

// The limit on failed pickup-code checks per user: counted from the audit rows the checks already write, so it holds
// across every server process on one database, and a refusal is itself audited.

import type { Transaction } from 'kysely';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import type { Keyring } from './keyring.ts';
import type { StoreSchema } from './schema.ts';

export interface CodeCheckLimits {
  /** Failed checks one user may make within `windowMs`; the next check is refused until the oldest leaves it. */
  readonly failures: number;
  readonly windowMs: number;
}

/**
 * Why 5 in 10 minutes: with 255 households in force one random guess hits about 1 in 92 (23,400 codes), so an
 * unlimited account finds codes within minutes; an officer who mishears or mistypes needs one or two more tries, not
 * five. The limit holds a guesser to 30 tries an hour; the audit rows show who. docs/security.md says more.
 */
export const CODE_CHECK_LIMITS: CodeCheckLimits = Object.freeze({ failures: 5, windowMs: 10 * 60_000 });

/**
 * The audit actions of a refused check (`verifyPickupCode` writes `code:<error kind>`). All three count: an answer
 * of "used" or "outside its window" tells a guesser the code exists.
 */
export const FAILED_CODE_CHECK_ACTIONS = ['code:code-unknown', 'code:code-outside-window', 'code:code-used'] as const;

/** The audit action of a check refused by the limit (not itself a failed check: it does not extend the pause). */
export const RATE_LIMITED_CODE_CHECK_ACTION = 'code:rate-limited';

/** A check refused by the limit: how many recent failures, and when checks resume. */
export interface CodeChecksPaused {
  readonly kind: 'code-checks-paused';
  readonly until: Date;
  readonly failures: number;
}

/**
 * Inside the check's own transaction: locks the actor's user row, so two checks from one account run one after the
 * other and each counts the other's failure (read before the check and outside its lock, N parallel requests were N
 * guesses). Paused while `limits.failures` of the actor's checks failed within the last `limits.windowMs` (successes
 * do not count); the refusal is audited and, being a refusal, does not extend the pause. Counted per user: a user
 * checks the codes of their organisation's one scenario.
 * @example const paused = await codeChecksPaused(trx, store.keyring, ctx, scenarioId, limits); if (paused) …
 */
export async function codeChecksPaused(
  trx: Transaction<StoreSchema>,
  keyring: Keyring,
  ctx: AccessContext,
  scenarioId: string,
  limits: CodeCheckLimits = CODE_CHECK_LIMITS,
): Promise<CodeChecksPaused | undefined> {
  await trx.selectFrom('users').select('id').where('id', '=', ctx.actor.userId).forUpdate().execute();
  const since = new Date(ctx.now.getTime() - limits.windowMs);
  const recent = await trx
    .selectFrom('audit_log')
    .select('occurred_at')
    .where('actor_user_id', '=', ctx.actor.userId)
    .where('action', 'in', FAILED_CODE_CHECK_ACTIONS)
    .where('occurred_at', '>', since)
    .orderBy('occurred_at', 'desc')
    .limit(limits.failures)
    .execute();
  const oldest = recent[limits.failures - 1];
  if (oldest === undefined) return undefined;
  // Sliding window: checks resume when the oldest of the last `failures` failures is `windowMs` old.
  const until = new Date(new Date(oldest.occurred_at).getTime() + limits.windowMs);
  await appendAudit(trx, keyring, [auditOf(ctx, RATE_LIMITED_CODE_CHECK_ACTION, 'scenario', scenarioId)]);
  return { kind: 'code-checks-paused', until, failures: recent.length };
}

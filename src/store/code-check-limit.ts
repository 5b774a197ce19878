// The limit on failed pickup-code checks per user: counted from the audit rows the checks already write, so it holds
// across every server process on one database, and a refusal is itself audited.
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import type { Store } from './store.ts';

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

export type CodeCheckLimitError =
  | ScenarioAccessError
  | { readonly kind: 'code-checks-paused'; readonly until: Date; readonly failures: number };

/**
 * Whether the actor may check a pickup code now: refused (and audited) while `limits.failures` of their checks
 * failed within the last `limits.windowMs`. Checks that succeeded do not count. Counted per user: a user checks the
 * codes of their organisation's one scenario. Two checks racing from one account may both pass (at most one failure
 * per concurrent request over the limit): the audit rows are read before the check, not under its lock.
 * @example const gate = await codeCheckAllowed(store, ctx, scenarioId); if (!gate.ok) … gate.error.until
 */
export async function codeCheckAllowed(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  limits: CodeCheckLimits = CODE_CHECK_LIMITS,
): Promise<Result<void, CodeCheckLimitError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<void, CodeCheckLimitError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'pickup-code.verify');
    if (!allowed.ok) return allowed;
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
    if (oldest === undefined) return ok(undefined);
    // Sliding window: checks resume when the oldest of the last `failures` failures is `windowMs` old.
    const until = new Date(new Date(oldest.occurred_at).getTime() + limits.windowMs);
    await appendAudit(trx, store.keyring, [auditOf(ctx, RATE_LIMITED_CODE_CHECK_ACTION, 'scenario', scenarioId)]);
    return err({ kind: 'code-checks-paused', until, failures: recent.length });
  });
}

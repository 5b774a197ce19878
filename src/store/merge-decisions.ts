// Reviewers' de-duplication decisions (two records are one person, or two): policy first, written and undone with an audit row.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { allowedOnScenario } from './scenario-access.ts';
import type { StoreSchema } from './schema.ts';
import type { Store } from './store.ts';

/** What a reviewer said about two records: `merge` (the same person) or `keepApart` (two people). */
export type ReviewerDecisionKind = 'merge' | 'keepApart';

/** One stored decision. `recordA` comes before `recordB` in code-unit order (the pair's one spelling). */
export interface ReviewerDecision {
  readonly id: string;
  readonly recordA: string;
  readonly recordB: string;
  readonly kind: ReviewerDecisionKind;
  readonly decidedBy: string;
  readonly decidedAt: Date;
}

export type MergeDecisionError =
  | Forbidden
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string }
  | { readonly kind: 'already-decided'; readonly decisionId: string }
  | { readonly kind: 'no-such-decision'; readonly recordA: string; readonly recordB: string };

type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;

/** The two ids in their stored order. */
function ordered(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/** The policy's answer for reviewing de-duplication on the scenario's organisation. */
function allowedOn(db: Db, ctx: AccessContext, scenarioId: string): Promise<Result<void, MergeDecisionError>> {
  return allowedOnScenario(db, ctx, scenarioId, 'dedup.review');
}

/**
 * The reviewers' decisions on a scenario, oldest first. They name records only (no personal field): not audited.
 * @example const decisions = await reviewerDecisionsOf(store, ctx, scenarioId);
 */
export async function reviewerDecisionsOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<readonly ReviewerDecision[], MergeDecisionError>> {
  const db = store.db;
  const allowed = await allowedOn(db, ctx, scenarioId);
  if (!allowed.ok) return allowed;
  const rows = await db
    .selectFrom('merge_decisions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return ok(
    rows.map((r) => ({
      id: r.id,
      recordA: r.record_a,
      recordB: r.record_b,
      kind: r.kind,
      decidedBy: r.decided_by,
      decidedAt: new Date(r.decided_at),
    })),
  );
}

/**
 * Stores a reviewer's decision on two records of a scenario, audited in the same transaction. A pair holds one
 * decision: undo it before deciding again.
 * @example await decideMerge(store, ctx, scenarioId, 'p1', 'p8', 'merge')
 */
export async function decideMerge(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  recordX: string,
  recordY: string,
  kind: ReviewerDecisionKind,
): Promise<Result<{ decisionId: string }, MergeDecisionError>> {
  const [recordA, recordB] = ordered(recordX, recordY);
  return store.db.transaction().execute(async (trx): Promise<Result<{ decisionId: string }, MergeDecisionError>> => {
    const db = trx;
    const allowed = await allowedOn(db, ctx, scenarioId);
    if (!allowed.ok) return allowed;
    const existing = await db
      .selectFrom('merge_decisions')
      .select('id')
      .where('scenario_id', '=', scenarioId)
      .where('record_a', '=', recordA)
      .where('record_b', '=', recordB)
      .executeTakeFirst();
    if (existing !== undefined) return err({ kind: 'already-decided', decisionId: existing.id });
    const decisionId = randomUUID();
    await db
      .insertInto('merge_decisions')
      .values({
        id: decisionId,
        scenario_id: scenarioId,
        record_a: recordA,
        record_b: recordB,
        kind,
        decided_by: ctx.actor.userId,
        decided_at: ctx.now,
      })
      .execute();
    await appendAudit(trx, store.keyring, [auditOf(ctx, `dedupe:${kind}`, 'merge-decision', decisionId)]);
    return ok({ decisionId });
  });
}

/**
 * Undoes the decision on two records: the row is deleted and the deletion audited (the audit row keeps its id).
 * @example await undoMergeDecision(store, ctx, scenarioId, 'p1', 'p8')
 */
export async function undoMergeDecision(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  recordX: string,
  recordY: string,
): Promise<Result<{ decisionId: string }, MergeDecisionError>> {
  const [recordA, recordB] = ordered(recordX, recordY);
  return store.db.transaction().execute(async (trx): Promise<Result<{ decisionId: string }, MergeDecisionError>> => {
    const db = trx;
    const allowed = await allowedOn(db, ctx, scenarioId);
    if (!allowed.ok) return allowed;
    const deleted = await db
      .deleteFrom('merge_decisions')
      .where('scenario_id', '=', scenarioId)
      .where('record_a', '=', recordA)
      .where('record_b', '=', recordB)
      .returning('id')
      .executeTakeFirst();
    if (deleted === undefined) return err({ kind: 'no-such-decision', recordA, recordB });
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'dedupe:undo', 'merge-decision', deleted.id)]);
    return ok({ decisionId: deleted.id });
  });
}

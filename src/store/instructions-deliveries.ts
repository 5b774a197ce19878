// The delivery log of instructions (sent, acknowledged, refused: append-only, audited) and the state of every
// household derived from it: who has not been told, who must be told again.
import { randomUUID } from 'node:crypto';
import type { SentRecord } from '../core/operation/index.ts';
import { ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import {
  type Db,
  DELIVERY_STATES,
  type DeliveryState,
  mustTell,
  scenarioDeliveryStates,
} from './instructions-versions.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import type { Store } from './store.ts';

/** One record from the field: the household was sent its instruction, acknowledged it, or refused it. */
export interface DeliveryRecord {
  readonly householdId: string;
  readonly state: SentRecord['outcome'];
  readonly channel?: SentRecord['channel'];
  /** ISO time with offset, as the field team saw it. */
  readonly at: string;
}

export interface RecordedDeliveries {
  readonly recorded: readonly string[];
  /** Households with no instruction in force (nothing to have been told): nothing is written for them. */
  readonly refused: readonly { readonly household_id: string; readonly reason: 'not-issued' }[];
}

/**
 * Appends delivery records to the log, each against the message in force for its household (so a record made
 * before a re-issue never counts for the new message). One transaction, one audit row per record.
 * @example await recordDeliveries(store, ctx, scenarioId, [{ householdId: 'h1', state: 'sent', channel: 'sms', at }])
 */
export async function recordDeliveries(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  records: readonly DeliveryRecord[],
): Promise<Result<RecordedDeliveries, ScenarioAccessError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<RecordedDeliveries, ScenarioAccessError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'instruction.record');
    if (!allowed.ok) return allowed;
    const current = await trx
      .selectFrom('instructions')
      .select(['household_id', 'message_id'])
      .where('scenario_id', '=', scenarioId)
      .where('superseded_at', 'is', null)
      .execute();
    const messageOf = new Map(current.map((v) => [v.household_id, v.message_id]));
    const rows = [];
    const refused: { household_id: string; reason: 'not-issued' }[] = [];
    for (const r of records) {
      const messageId = messageOf.get(r.householdId);
      if (messageId === undefined) {
        refused.push({ household_id: r.householdId, reason: 'not-issued' });
        continue;
      }
      rows.push({
        id: randomUUID(),
        scenario_id: scenarioId,
        household_id: r.householdId,
        message_id: messageId,
        state: r.state,
        channel: r.channel ?? null,
        at: r.at,
        recorded_by: ctx.actor.userId,
        received_at: ctx.now,
      });
    }
    if (rows.length > 0) {
      await trx.insertInto('instruction_deliveries').values(rows).execute();
      await appendAudit(
        trx,
        store.keyring,
        rows.map((r) => auditOf(ctx, `instruction:${r.state}`, 'household', r.household_id)),
      );
    }
    return ok({ recorded: rows.map((r) => r.household_id), refused });
  });
}

/** One household's line in the instructions view: ids, places and times, never a name, phone or code. */
export interface HouseholdInstructionState {
  readonly household_id: string;
  readonly persons: number;
  readonly state: DeliveryState;
  /** Its instruction in force is a withdrawal: it must be told not to come. */
  readonly withdrawn: boolean;
  readonly assembly_point: string | null;
  readonly window_from: string | null;
  readonly window_to: string | null;
  readonly language: string | null;
  readonly parts: number | null;
  readonly has_phone: boolean;
  /** What changed in the last re-issue ('added', or the changed fields). */
  readonly change: string | null;
  readonly changed_fields: readonly string[];
  readonly last: { readonly state: string; readonly channel: string | null; readonly at: string } | null;
}

export interface InstructionsOverview {
  readonly households: readonly HouseholdInstructionState[];
  readonly totals: Readonly<Record<DeliveryState, number>>;
  /** Households that must be told now (never told the message in force, or told an earlier one). */
  readonly notYetTold: readonly string[];
  readonly lastIssue: { readonly planRunId: string; readonly issuedAt: string } | null;
}

/**
 * Every household of the scenario with its derived delivery state, the totals and the list not yet told. Audited
 * as one read.
 * @example const view = await instructionsOverview(store, ctx, scenarioId); if (view.ok) view.value.notYetTold
 */
export async function instructionsOverview(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<InstructionsOverview, ScenarioAccessError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<InstructionsOverview, ScenarioAccessError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'instruction.read');
    if (!allowed.ok) return allowed;
    const overview = await overviewOf(trx, scenarioId);
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'instruction:read', 'scenario', scenarioId)]);
    return ok(overview);
  });
}

async function overviewOf(db: Db, scenarioId: string): Promise<InstructionsOverview> {
  const { households, states } = await scenarioDeliveryStates(db, scenarioId);
  const totals = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
  const rows: HouseholdInstructionState[] = households.map((h) => {
    const { state, current: v, last } = states.get(h.household_id)!;
    totals[state] += 1;
    return {
      household_id: h.household_id,
      persons: new Set([h.head_id, ...h.member_ids]).size,
      state,
      withdrawn: v?.change === 'withdrawn',
      assembly_point: v?.assembly_point ?? null,
      window_from: v?.window_from ?? null,
      window_to: v?.window_to ?? null,
      language: v?.language ?? null,
      parts: v?.parts ?? null,
      has_phone: v?.has_phone ?? false,
      change: v?.change ?? null,
      changed_fields: v?.changed_fields ?? [],
      last: last === undefined ? null : { state: last.state, channel: last.channel, at: last.at },
    };
  });
  const issue = await db
    .selectFrom('instruction_issues')
    .select(['plan_run_id', 'issued_at'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    households: rows,
    totals,
    notYetTold: rows.filter((r) => mustTell(r.state)).map((r) => r.household_id),
    lastIssue:
      issue === undefined ? null : { planRunId: issue.plan_run_id, issuedAt: new Date(issue.issued_at).toISOString() },
  };
}

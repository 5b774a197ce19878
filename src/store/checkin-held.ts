// Late check-in events held for a coordinator (refused as contradicting accepted ones): listed, then accepted into the log or dismissed, audited.
import type { Selectable, Transaction } from 'kysely';
import type { PersonStatus, StatusEvent } from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import {
  type EventRefusal,
  heldNoteRecordId,
  insertEvents,
  judgeEvent,
  lockScenarioLog,
  logOf,
} from './checkin-events.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import type { HeldStatusEventsTable, StoreSchema } from './schema.ts';
import { loadDataKeys, openRecord, sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

/** A stored event named by a held one (what it would displace, or did supersede): enough to say which step it was. */
export interface LoggedStep {
  readonly id: string;
  readonly status: PersonStatus;
  readonly at: string;
  readonly device: string;
}

export type HeldResolutionKind = 'accepted' | 'dismissed';

/** A held event as a reviewer sees it: the event as submitted, why it was refused, and how it was settled. */
export interface HeldEvent {
  readonly event: StatusEvent & { readonly group?: string };
  /** The person's household, when the person is in the scenario's registry. */
  readonly householdId: string | null;
  readonly refusal: EventRefusal;
  /** The accepted events it would make no longer apply, as when it was submitted. */
  readonly displaced: readonly LoggedStep[];
  readonly receivedAt: Date;
  /** The usernames of the sender and the resolver (user ids are what the audit names; people read names). */
  readonly submittedByUsername: string | null;
  readonly resolution: {
    readonly kind: HeldResolutionKind;
    readonly by: string;
    readonly byUsername: string | null;
    readonly at: Date;
    readonly note?: string;
    /** Accepted: the events that no longer apply since (still in the log, shown as conflicts). */
    readonly superseded: readonly LoggedStep[];
  } | null;
}

export type HeldEventError =
  | ScenarioAccessError
  | { readonly kind: 'no-such-held-event'; readonly heldId: string }
  | { readonly kind: 'already-resolved'; readonly heldId: string; readonly resolution: HeldResolutionKind }
  /** Judged against the log as it is now, the event cannot apply at all (e.g. another device recorded the same step). */
  | { readonly kind: 'no-longer-applies'; readonly heldId: string; readonly refusal: EventRefusal };

/** The data-key record id of a resolution's sealed note. */
function resolutionNoteRecordId(heldId: string): string {
  return `held-resolution:${heldId}`;
}

/**
 * The scenario's held events, oldest first, notes opened (the field observation is what the reviewer weighs). Field
 * officers and coordinators (`status.review`); every held event read is an audit row.
 * @example const held = await heldStatusEventsOf(store, ctx, scenarioId); if (held.ok) held.value.filter((h) => !h.resolution)
 */
export async function heldStatusEventsOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<HeldEvent[], HeldEventError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<HeldEvent[], HeldEventError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'status.review');
    if (!allowed.ok) return allowed;
    const rows = await trx
      .selectFrom('held_status_events')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    const held = await viewsOf(trx, store, scenarioId, rows);
    if (rows.length > 0)
      await appendAudit(
        trx,
        store.keyring,
        rows.map((r) => auditOf(ctx, 'status:held-read', 'held-status-event', r.id)),
      );
    return ok(held);
  });
}

/** How a reviewer settles a held event; the note (why) is sealed at rest and never in the audit text. */
export interface HeldDecision {
  readonly action: 'accept' | 'dismiss';
  readonly note?: string;
}

/**
 * Settles a held event (`status.resolve`: coordinators). **Dismiss** records the decision; the log is unchanged.
 * **Accept** re-judges the event against the person's log as it is now and writes it to the log at its own time, as
 * an in-time sync would have: accepted or pending as usual, and when it still contradicts accepted events it is
 * written anyway — the coordinator's decision is the correction — and those events, which stay in the append-only
 * log, no longer apply (the replay refuses them; they are listed as `superseded` here and as conflicts in the live
 * status). An event that can no longer apply at all is not written (`no-longer-applies`: dismiss it instead). One
 * transaction: the resolution, the event and their audit rows; a second resolution is `already-resolved`.
 * @example await resolveHeldEvent(store, ctx, scenarioId, 'k-late', { action: 'accept', note: 'confirmed by radio' })
 */
export async function resolveHeldEvent(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  heldId: string,
  decision: HeldDecision,
): Promise<Result<HeldEvent, HeldEventError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<HeldEvent, HeldEventError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'status.resolve');
    if (!allowed.ok) return allowed;
    await lockScenarioLog(trx, scenarioId);
    const row = await trx
      .selectFrom('held_status_events')
      .selectAll()
      .where('id', '=', heldId)
      .where('scenario_id', '=', scenarioId)
      .executeTakeFirst();
    if (row === undefined) return err({ kind: 'no-such-held-event', heldId });
    if (row.resolution !== null) return err({ kind: 'already-resolved', heldId, resolution: row.resolution });
    let superseded: readonly string[] = [];
    let event: StatusEvent | undefined;
    if (decision.action === 'accept') {
      const [opened] = await viewsOf(trx, store, scenarioId, [row]);
      if (opened === undefined) throw new Error(`held event ${heldId} vanished`);
      const { group: _group, ...submitted } = opened.event;
      event = submitted;
      const log = await logOf(trx, store, scenarioId, false);
      const verdict = judgeEvent(
        log.events.filter((e) => e.personId === row.person_id),
        event,
      );
      if (verdict.kind === 'refused') {
        if (verdict.error.kind !== 'contradicts-recorded')
          return err({ kind: 'no-longer-applies', heldId, refusal: verdict.error });
        superseded = verdict.error.displaced;
      }
    }
    const kind: HeldResolutionKind = decision.action === 'accept' ? 'accepted' : 'dismissed';
    const sealed =
      decision.note === undefined || decision.note === ''
        ? undefined
        : sealRecord(store.keyring, resolutionNoteRecordId(heldId), { note: decision.note });
    // Conditional on still being open: of two reviewers settling it at once, the second finds it resolved.
    const updated = await trx
      .updateTable('held_status_events')
      .set({
        resolution: kind,
        resolved_by: ctx.actor.userId,
        resolved_at: ctx.now,
        sealed_resolution_note: sealed?.sealed.note ?? null,
        superseded: decision.action === 'accept' ? JSON.stringify(superseded) : null,
      })
      .where('id', '=', heldId)
      .where('resolution', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const settled = await trx
        .selectFrom('held_status_events')
        .select('resolution')
        .where('id', '=', heldId)
        .executeTakeFirst();
      return err({ kind: 'already-resolved', heldId, resolution: settled?.resolution ?? kind });
    }
    if (sealed !== undefined) await trx.insertInto('data_keys').values(sealed.wrappedKey).execute();
    if (event !== undefined)
      await insertEvents(trx, store, scenarioId, [{ event, recordedBy: row.submitted_by }], ctx.now);
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, `status:held-${kind === 'accepted' ? 'accept' : 'dismiss'}`, 'held-status-event', heldId),
      ...(event === undefined ? [] : [auditOf(ctx, `status:${event.status}`, 'person', event.personId)]),
    ]);
    const resolved = await trx
      .selectFrom('held_status_events')
      .selectAll()
      .where('id', '=', heldId)
      .executeTakeFirstOrThrow();
    const [view] = await viewsOf(trx, store, scenarioId, [resolved]);
    if (view === undefined) throw new Error(`held event ${heldId} vanished`);
    return ok(view);
  });
}

/** Rows as reviewer views: notes opened; households, usernames and the named log events looked up (four queries). */
async function viewsOf(
  trx: Transaction<StoreSchema>,
  store: Store,
  scenarioId: string,
  rows: readonly Selectable<HeldStatusEventsTable>[],
): Promise<HeldEvent[]> {
  if (rows.length === 0) return [];
  const named = [...new Set(rows.flatMap((r) => [...r.displaced, ...(r.superseded ?? [])]))];
  const steps = new Map<string, LoggedStep>();
  if (named.length > 0)
    for (const e of await trx
      .selectFrom('status_events')
      .select(['id', 'status', 'at', 'device'])
      .where('scenario_id', '=', scenarioId)
      .where('id', 'in', named)
      .execute())
      steps.set(e.id, { id: e.id, status: e.status as PersonStatus, at: e.at, device: e.device });
  const households = new Map(
    (
      await trx
        .selectFrom('people')
        .select(['person_id', 'household_id'])
        .where('scenario_id', '=', scenarioId)
        .where('person_id', 'in', [...new Set(rows.map((r) => r.person_id))])
        .execute()
    ).map((p) => [p.person_id, p.household_id]),
  );
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.submitted_by, ...(r.resolved_by === null ? [] : [r.resolved_by])])),
  ];
  const usernames = new Map(
    (await trx.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute()).map((u) => [
      u.id,
      u.username,
    ]),
  );
  const recordIds = rows.flatMap((r) => [
    ...(r.sealed_note === null ? [] : [heldNoteRecordId(r.id)]),
    ...(r.sealed_resolution_note === null ? [] : [resolutionNoteRecordId(r.id)]),
  ]);
  const keys = await loadDataKeys(trx, recordIds);
  const open = (recordId: string, sealed: string | null): string | undefined => {
    if (sealed === null) return undefined;
    const opened = openRecord(store.keyring, recordId, keys.get(recordId), { note: sealed });
    if (!opened.ok) throw new Error(`${recordId}: ${opened.error.kind}`);
    return typeof opened.value.note === 'string' ? opened.value.note : undefined;
  };
  const stepsOf = (ids: readonly string[]) => ids.flatMap((id) => steps.get(id) ?? []);
  return rows.map((r) => {
    const note = open(heldNoteRecordId(r.id), r.sealed_note);
    const resolutionNote = open(resolutionNoteRecordId(r.id), r.sealed_resolution_note);
    return {
      event: {
        id: r.id,
        personId: r.person_id,
        status: r.status as PersonStatus,
        at: r.at,
        recordedBy: r.submitted_by,
        device: r.device,
        ...(r.vehicle === null ? {} : { vehicle: r.vehicle }),
        ...(r.exit === null ? {} : { exit: r.exit }),
        ...(note === undefined ? {} : { note }),
        ...(r.group_id === null ? {} : { group: r.group_id }),
      },
      householdId: households.get(r.person_id) ?? null,
      refusal: r.refusal as EventRefusal,
      displaced: stepsOf(r.displaced),
      receivedAt: r.received_at,
      submittedByUsername: usernames.get(r.submitted_by) ?? null,
      resolution:
        r.resolution === null || r.resolved_by === null || r.resolved_at === null
          ? null
          : {
              kind: r.resolution,
              by: r.resolved_by,
              byUsername: usernames.get(r.resolved_by) ?? null,
              at: r.resolved_at,
              ...(resolutionNote === undefined ? {} : { note: resolutionNote }),
              superseded: stepsOf(r.superseded ?? []),
            },
    };
  });
}

// Check-in and status events from field devices: policy first, each event id stored once, replayed in canonical order (late syncs too), contradicting late ones held, audited.
import type { Selectable, Transaction } from 'kysely';
import {
  compareEvents,
  deriveStatuses,
  type PersonStatus,
  PROGRESS_STATUSES,
  type StatusError,
  type StatusEvent,
} from '../core/operation/status.ts';
import { ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import type { StatusEventsTable, StoreSchema } from './schema.ts';
import { loadDataKeys, openRecord, sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type StatusEventsError = ScenarioAccessError;

/** Why an event of a batch was not stored: the status machine's reason, or the same step already recorded. */
export type EventRefusal =
  | StatusError
  | {
      /** Another device (or this one, under another id) recorded the same step for the person: counted once. */
      readonly kind: 'already-recorded';
      readonly eventId: string;
      readonly personId: string;
      readonly status: PersonStatus;
      readonly kept: string;
    }
  | {
      /** Another member of the group (a household checked in together) was refused: all or none. */
      readonly kind: 'group-refused';
      readonly eventId: string;
      readonly group: string;
      readonly because: string;
    }
  | {
      /**
       * Stamped before events already accepted for the person, it would make them no longer apply (declined at 20:10
       * synced after boarded at 20:30): an accepted event is never silently undone, so this one is not stored.
       */
      readonly kind: 'contradicts-recorded';
      readonly eventId: string;
      readonly personId: string;
      readonly displaced: readonly string[];
    };

/**
 * What became of a batch: stored and applied now; already stored before (same id); stored but waiting for an
 * earlier step another device has not sent yet (`pending`, e.g. crossed before any boarded); or refused with the
 * reason, never written.
 */
export interface RecordedBatch {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
  readonly pending: readonly { readonly id: string; readonly error: StatusError }[];
  readonly refused: readonly { readonly id: string; readonly error: EventRefusal }[];
}

/** A scenario's event log and its people (ids only: the log names no one; notes are opened for the store's callers). */
export interface StatusLog {
  readonly events: readonly StatusEvent[];
  readonly people: readonly { readonly personId: string; readonly householdId: string }[];
}

/** The data-key record id of an event's sealed note (event ids are unique across devices). */
export function noteRecordId(eventId: string): string {
  return `status-event:${eventId}`;
}

/** A stored row as the core's event (its note, when given, already opened). */
export function eventOf(row: Selectable<StatusEventsTable>, note?: string): StatusEvent {
  return {
    id: row.id,
    personId: row.person_id,
    status: row.status as PersonStatus,
    at: row.at,
    recordedBy: row.recorded_by,
    device: row.device,
    ...(row.vehicle === null ? {} : { vehicle: row.vehicle }),
    ...(row.exit === null ? {} : { exit: row.exit }),
    ...(note === undefined ? {} : { note }),
  };
}

/** A scenario's stored log in canonical order and its people, inside a caller's transaction (notes opened on request). */
export async function logOf(
  db: Transaction<StoreSchema>,
  store: Store,
  scenarioId: string,
  withNotes: boolean,
): Promise<StatusLog> {
  const rows = await db.selectFrom('status_events').selectAll().where('scenario_id', '=', scenarioId).execute();
  const people = await db
    .selectFrom('people')
    .select(['person_id', 'household_id'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute();
  const notes = new Map<string, string>();
  if (withNotes) {
    const sealed = rows.filter((r) => r.sealed_note !== null);
    const keys = await loadDataKeys(
      db,
      sealed.map((r) => noteRecordId(r.id)),
    );
    for (const row of sealed) {
      const record = noteRecordId(row.id);
      const opened = openRecord(store.keyring, record, keys.get(record), { note: row.sealed_note ?? '' });
      if (opened.ok && typeof opened.value.note === 'string') notes.set(row.id, opened.value.note);
    }
  }
  return {
    events: rows.map((r) => eventOf(r, notes.get(r.id))).sort(compareEvents),
    people: people.map((p) => ({ personId: p.person_id, householdId: p.household_id })),
  };
}

const sameStep = (a: StatusEvent, b: StatusEvent) =>
  a.status === b.status && a.vehicle === b.vehicle && a.exit === b.exit;

/** A move further along the way out than the next step: another device may still send the steps between. */
function skipsAhead(from: PersonStatus, to: PersonStatus): boolean {
  const order: readonly PersonStatus[] = PROGRESS_STATUSES;
  const i = order.indexOf(from);
  const j = order.indexOf(to);
  return i >= 0 && j > i;
}

type Verdict =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'pending'; readonly error: StatusError }
  | { readonly kind: 'refused'; readonly error: EventRefusal };

/** The refusal of `event` because event `kept` recorded the same step for the person. */
function alreadyRecorded(event: StatusEvent, kept: string): EventRefusal {
  return { kind: 'already-recorded', eventId: event.id, personId: event.personId, status: event.status, kept };
}

/**
 * Judges one new event against the person's whole stored log, replayed in canonical order with it (core
 * `deriveStatuses`, as `mergeLogs` does): so an event stamped earlier than events already stored is judged where it
 * belongs in time, and a late sync ends where an in-time one would have — except that it never undoes an event
 * already applied (`contradicts-recorded`): a device was told that one was accepted.
 */
export function judgeEvent(log: readonly StatusEvent[], event: StatusEvent): Verdict {
  const before = deriveStatuses(log).get(event.personId);
  const after = deriveStatuses([...log, event]).get(event.personId);
  if (after?.applied.includes(event)) {
    // Earlier than a stored event of the same step (two devices checked the person in): the stored one counts.
    const twin = before?.applied.find((e) => sameStep(e, event) && !after.applied.includes(e));
    if (twin) return { kind: 'refused', error: alreadyRecorded(event, twin.id) };
    // Accepted events (a device was told so) stay applied: a late event that would undo them is refused instead.
    const displaced = (before?.applied ?? []).filter((e) => !after.applied.includes(e)).map((e) => e.id);
    if (displaced.length > 0)
      return {
        kind: 'refused',
        error: { kind: 'contradicts-recorded', eventId: event.id, personId: event.personId, displaced },
      };
    return { kind: 'accepted' };
  }
  const error = after?.refused.find((r) => r.event === event)?.error;
  if (error === undefined) throw new Error(`event ${event.id} neither applied nor refused`);
  if (error.kind !== 'impossible-transition') return { kind: 'refused', error };
  const twin = after?.applied.findLast((e) => sameStep(e, event));
  if (error.from === event.status && twin) return { kind: 'refused', error: alreadyRecorded(event, twin.id) };
  return skipsAhead(error.from, error.to) ? { kind: 'pending', error } : { kind: 'refused', error };
}

/** An event as a device sends it; events with the same `group` (a household checked in together) are all or none. */
export type DeviceEvent = StatusEvent & { readonly group?: string };

/**
 * Records a device's events (its whole offline queue, possibly again). An id already stored is a duplicate and
 * changes nothing. Each new event is judged by `judgeEvent` against the person's stored log in canonical order:
 * accepted, pending (stored, applies once the missing step arrives from another device) or refused (not written to
 * the log). A group with a refused member is refused whole (`group-refused`), so a household is never half recorded;
 * a member already recorded by another device does not hold the others back. A refusal that contradicts accepted
 * events (and its group's members) is held for a coordinator instead of lost (`held_status_events`, once per id;
 * settled in checkin-held.ts). Stored events, held ones and their audit rows are one transaction; a note is sealed
 * under its own data key and never in the audit text.
 * @example await recordStatusEvents(store, ctx, scenarioId, [{ id, personId: 'P-1', status: 'at_assembly_point', … }])
 */
export async function recordStatusEvents(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  events: readonly DeviceEvent[],
): Promise<Result<RecordedBatch, StatusEventsError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<RecordedBatch, StatusEventsError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'situation.report');
    if (!allowed.ok) return allowed;
    return ok(await recordIn(trx, store, ctx, scenarioId, events));
  });
}

/** The batch's verdicts without writing anything; groups with a refused member are refused whole. */
function judgeBatch(log: StatusLog, events: readonly DeviceEvent[]) {
  const failedGroups = new Map<string, string>();
  for (;;) {
    const known = new Set(log.events.map((e) => e.id));
    const byPerson = new Map<string, StatusEvent[]>(log.people.map((p) => [p.personId, []]));
    for (const e of log.events) byPerson.get(e.personId)?.push(e);
    const stored: DeviceEvent[] = [];
    const batch: {
      accepted: string[];
      duplicates: string[];
      pending: RecordedBatch['pending'][number][];
      refused: RecordedBatch['refused'][number][];
    } = { accepted: [], duplicates: [], pending: [], refused: [] };
    let newlyFailed = false;
    for (const event of [...events].sort(compareEvents)) {
      if (known.has(event.id)) {
        batch.duplicates.push(event.id);
        continue;
      }
      known.add(event.id);
      const failedBecause = event.group === undefined ? undefined : failedGroups.get(event.group);
      if (failedBecause !== undefined && failedBecause !== event.id) {
        batch.refused.push({
          id: event.id,
          error: { kind: 'group-refused', eventId: event.id, group: event.group ?? '', because: failedBecause },
        });
        continue;
      }
      const personLog = byPerson.get(event.personId);
      const verdict: Verdict =
        personLog === undefined
          ? { kind: 'refused', error: { kind: 'unknown-person', eventId: event.id, personId: event.personId } }
          : judgeEvent(personLog, event);
      if (verdict.kind === 'refused') {
        batch.refused.push({ id: event.id, error: verdict.error });
        if (event.group !== undefined && verdict.error.kind !== 'already-recorded' && !failedGroups.has(event.group)) {
          failedGroups.set(event.group, event.id);
          newlyFailed = true;
        }
        continue;
      }
      if (verdict.kind === 'pending') batch.pending.push({ id: event.id, error: verdict.error });
      else batch.accepted.push(event.id);
      personLog?.push(event);
      stored.push(event);
    }
    // A group found failing late may have let its earlier members through: judge the batch again without them.
    if (!newlyFailed) return { batch, stored };
  }
}

/** `recordStatusEvents` inside a caller's transaction (the policy already checked). */
export async function recordIn(
  trx: Transaction<StoreSchema>,
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  events: readonly DeviceEvent[],
): Promise<RecordedBatch> {
  await lockScenarioLog(trx, scenarioId);
  // A held event the coordinator dismissed stays dismissed: re-sent by a device, it is a duplicate, not a new event.
  const dismissed = await dismissedAmong(
    trx,
    events.map((e) => e.id),
  );
  const log = await logOf(trx, store, scenarioId, false);
  const judged = judgeBatch(
    log,
    events.filter((e) => !dismissed.has(e.id)),
  );
  const { stored } = judged;
  const batch = { ...judged.batch, duplicates: [...judged.batch.duplicates, ...dismissed] };
  await insertEvents(
    trx,
    store,
    scenarioId,
    stored.map((event) => ({ event, recordedBy: ctx.actor.userId })),
    ctx.now,
  );
  if (stored.length > 0)
    await appendAudit(
      trx,
      store.keyring,
      stored.map((e) => auditOf(ctx, `status:${e.status}`, 'person', e.personId)),
    );
  await holdRefused(trx, store, ctx, scenarioId, heldOf(events, batch));
  return batch;
}

/**
 * Serialises writers of one scenario's status log (syncs, arrival matches, accepting a held event): each judges
 * events against the log as the one before it left it, so none is written against a log that has moved on.
 */
export async function lockScenarioLog(trx: Transaction<StoreSchema>, scenarioId: string): Promise<void> {
  await trx.selectFrom('scenarios').select('id').where('id', '=', scenarioId).forUpdate().execute();
}

/** The ids among `ids` of held events a coordinator dismissed. */
async function dismissedAmong(trx: Transaction<StoreSchema>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('held_status_events')
    .select('id')
    .where('id', 'in', ids)
    .where('resolution', '=', 'dismissed')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Rows in inserts of at most 500: one statement's bind parameters stay far below PostgreSQL's 65,535. */
function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += 500) chunks.push(rows.slice(i, i + 500));
  return chunks;
}

/** A note sealed under a fresh data key for `recordId` (its wrapped key added to `keys`), or null for none. */
function sealedNoteOf(
  store: Store,
  recordId: string,
  note: string | undefined,
  keys: { record_id: string; wrapped_key: string }[],
): string | null {
  if (note === undefined || note === '') return null;
  const sealed = sealRecord(store.keyring, recordId, { note });
  keys.push(sealed.wrappedKey);
  return sealed.sealed.note ?? null;
}

/** Writes events to the log (a note sealed under its own data key); `recordedBy` is who sent each one. */
export async function insertEvents(
  trx: Transaction<StoreSchema>,
  store: Store,
  scenarioId: string,
  events: readonly { readonly event: StatusEvent; readonly recordedBy: string }[],
  receivedAt: Date,
): Promise<void> {
  if (events.length === 0) return;
  const keys: { record_id: string; wrapped_key: string }[] = [];
  const rows = events.map(({ event: e, recordedBy }) => {
    const sealedNote = sealedNoteOf(store, noteRecordId(e.id), e.note, keys);
    return {
      id: e.id,
      scenario_id: scenarioId,
      person_id: e.personId,
      status: e.status,
      at: e.at,
      recorded_by: recordedBy,
      device: e.device,
      vehicle: e.vehicle ?? null,
      exit: e.exit ?? null,
      sealed_note: sealedNote,
      received_at: receivedAt,
    };
  });
  for (const chunk of chunksOf(rows)) await trx.insertInto('status_events').values(chunk).execute();
  if (keys.length > 0) await trx.insertInto('data_keys').values(keys).execute();
}

/** The data-key record id of a held event's sealed note (apart from the log's, so accepting it seals anew). */
export function heldNoteRecordId(eventId: string): string {
  return `held-status-event:${eventId}`;
}

/** A refused event kept for a coordinator, with the refusal its device was told. */
interface HeldRefusal {
  readonly event: DeviceEvent;
  readonly refusal: EventRefusal;
  readonly displaced: readonly string[];
}

/**
 * The refused events of a batch that are held rather than lost: those that contradict accepted events (a field
 * observation the coordinator must weigh), and the members of their group refused with them (the same household's
 * observation). Other refusals are the device's own error (impossible, malformed, counted already) and are not held.
 */
function heldOf(events: readonly DeviceEvent[], batch: RecordedBatch): HeldRefusal[] {
  const refusals = new Map(batch.refused.map((r) => [r.id, r.error]));
  const held: HeldRefusal[] = [];
  for (const event of events) {
    const refusal = refusals.get(event.id);
    if (refusal === undefined) continue;
    refusals.delete(event.id);
    if (refusal.kind === 'contradicts-recorded') held.push({ event, refusal, displaced: refusal.displaced });
    else if (
      refusal.kind === 'group-refused' &&
      batch.refused.some((r) => r.id === refusal.because && r.error.kind === 'contradicts-recorded')
    )
      held.push({ event, refusal, displaced: [] });
  }
  return held;
}

/** Stores held refusals once each (a re-sent queue holds nothing twice), notes sealed; audited by person. */
async function holdRefused(
  trx: Transaction<StoreSchema>,
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  held: readonly HeldRefusal[],
): Promise<void> {
  if (held.length === 0) return;
  const already = new Set(
    (
      await trx
        .selectFrom('held_status_events')
        .select('id')
        .where(
          'id',
          'in',
          held.map((h) => h.event.id),
        )
        .execute()
    ).map((r) => r.id),
  );
  const fresh = held.filter((h) => !already.has(h.event.id));
  if (fresh.length === 0) return;
  const keys: { record_id: string; wrapped_key: string }[] = [];
  const rows = fresh.map(({ event: e, refusal, displaced }) => {
    const sealedNote = sealedNoteOf(store, heldNoteRecordId(e.id), e.note, keys);
    return {
      id: e.id,
      scenario_id: scenarioId,
      person_id: e.personId,
      status: e.status,
      at: e.at,
      device: e.device,
      vehicle: e.vehicle ?? null,
      exit: e.exit ?? null,
      group_id: e.group ?? null,
      sealed_note: sealedNote,
      refusal: JSON.stringify(refusal),
      displaced: JSON.stringify(displaced),
      submitted_by: ctx.actor.userId,
      received_at: ctx.now,
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      sealed_resolution_note: null,
      superseded: null,
    };
  });
  for (const chunk of chunksOf(rows))
    await trx
      .insertInto('held_status_events')
      .values(chunk)
      // The same queue synced twice at once: the second holds nothing new instead of failing the whole sync.
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  if (keys.length > 0) await trx.insertInto('data_keys').values(keys).execute();
  await appendAudit(
    trx,
    store.keyring,
    fresh.map((h) => auditOf(ctx, `status:held:${h.event.status}`, 'person', h.event.personId)),
  );
}

/**
 * A scenario's status events in canonical order and its people (ids only). Notes are decrypted only when asked for
 * (a live count needs none). Audited once per call.
 * @example const log = await statusEventsOf(store, ctx, scenarioId); if (log.ok) deriveStatuses(log.value.events)
 */
export async function statusEventsOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  options: { readonly notes?: boolean } = {},
): Promise<Result<StatusLog, StatusEventsError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<StatusLog, StatusEventsError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'situation.read');
    if (!allowed.ok) return allowed;
    const log = await logOf(trx, store, scenarioId, options.notes ?? false);
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'status:read', 'scenario', scenarioId)]);
    return ok(log);
  });
}

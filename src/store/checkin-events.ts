// Check-in and status events from field devices: policy first, each event id stored once, impossible moves refused, audited.
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  checkEvent,
  compareEvents,
  deriveStatuses,
  type PersonStatus,
  type StatusError,
  type StatusEvent,
} from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import type { Action } from './policy.ts';
import type { StatusEventsTable, StoreSchema } from './schema.ts';
import type { Store } from './store.ts';

export type StatusEventsError = Forbidden | { readonly kind: 'no-such-scenario'; readonly scenarioId: string };

/** What became of a batch: stored now, already stored before (same id), or refused with the status machine's reason. */
export interface RecordedBatch {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
  readonly refused: readonly { readonly id: string; readonly error: StatusError }[];
}

/** A scenario's event log and its people (ids only: the log names no one). */
export interface StatusLog {
  readonly events: readonly StatusEvent[];
  readonly people: readonly { readonly personId: string; readonly householdId: string }[];
}

type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;

async function allowedOn(
  db: Db,
  ctx: AccessContext,
  scenarioId: string,
  action: Action,
): Promise<Result<void, StatusEventsError>> {
  const scenario = await db
    .selectFrom('scenarios')
    .select('organisation_id')
    .where('id', '=', scenarioId)
    .executeTakeFirst();
  if (scenario === undefined) return err({ kind: 'no-such-scenario', scenarioId });
  const allowed = check(ctx, action, { kind: 'organisation', organisationId: scenario.organisation_id });
  return allowed.ok ? ok(undefined) : allowed;
}

function eventOf(row: Selectable<StatusEventsTable>): StatusEvent {
  return {
    id: row.id,
    personId: row.person_id,
    status: row.status as PersonStatus,
    at: row.at,
    recordedBy: row.recorded_by,
    device: row.device,
    ...(row.vehicle === null ? {} : { vehicle: row.vehicle }),
    ...(row.exit === null ? {} : { exit: row.exit }),
  };
}

async function logOf(db: Db, scenarioId: string): Promise<StatusLog> {
  const rows = await db.selectFrom('status_events').selectAll().where('scenario_id', '=', scenarioId).execute();
  const people = await db
    .selectFrom('people')
    .select(['person_id', 'household_id'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute();
  return {
    events: rows.map(eventOf).sort(compareEvents),
    people: people.map((p) => ({ personId: p.person_id, householdId: p.household_id })),
  };
}

/**
 * Records a device's events (its whole offline queue, possibly again): an id already stored is a duplicate and
 * changes nothing; each new event is checked with `checkEvent` against the person's derived status (the batch in
 * canonical order, each accepted event moving its person on); refused events are returned, never written. The
 * accepted events and their audit rows are one transaction. Notes are not stored (free text would need sealing).
 * @example await recordStatusEvents(store, ctx, scenarioId, [{ id, personId: 'P-1', status: 'at_assembly_point', … }])
 */
export async function recordStatusEvents(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  events: readonly StatusEvent[],
): Promise<Result<RecordedBatch, StatusEventsError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<RecordedBatch, StatusEventsError>> => {
    const allowed = await allowedOn(trx, ctx, scenarioId, 'situation.report');
    if (!allowed.ok) return allowed;
    const log = await logOf(trx, scenarioId);
    const known = new Set(log.events.map((e) => e.id));
    const people = new Set(log.people.map((p) => p.personId));
    const current = new Map<string, PersonStatus>();
    for (const state of deriveStatuses(log.events).values()) current.set(state.personId, state.status);
    const accepted: StatusEvent[] = [];
    const duplicates: string[] = [];
    const refused: { id: string; error: StatusError }[] = [];
    for (const event of [...events].sort(compareEvents)) {
      if (known.has(event.id)) {
        duplicates.push(event.id);
        continue;
      }
      known.add(event.id);
      if (!people.has(event.personId)) {
        refused.push({ id: event.id, error: { kind: 'unknown-person', eventId: event.id, personId: event.personId } });
        continue;
      }
      const checked = checkEvent(current.get(event.personId) ?? 'not_contacted', event);
      if (!checked.ok) {
        refused.push({ id: event.id, error: checked.error });
        continue;
      }
      current.set(event.personId, event.status);
      accepted.push(event);
    }
    if (accepted.length > 0) {
      await trx
        .insertInto('status_events')
        .values(
          accepted.map((e) => ({
            id: e.id,
            scenario_id: scenarioId,
            person_id: e.personId,
            status: e.status,
            at: e.at,
            recorded_by: ctx.actor.userId,
            device: e.device,
            vehicle: e.vehicle ?? null,
            exit: e.exit ?? null,
            received_at: ctx.now,
          })),
        )
        .execute();
      await appendAudit(
        trx,
        store.keyring,
        accepted.map((e) => auditOf(ctx, `status:${e.status}`, 'person', e.personId)),
      );
    }
    return ok({ accepted: accepted.map((e) => e.id), duplicates, refused });
  });
}

/**
 * A scenario's status events in canonical order and its people (ids only). The read is audited once per call.
 * @example const log = await statusEventsOf(store, ctx, scenarioId); if (log.ok) deriveStatuses(log.value.events)
 */
export async function statusEventsOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<StatusLog, StatusEventsError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<StatusLog, StatusEventsError>> => {
    const allowed = await allowedOn(trx, ctx, scenarioId, 'situation.read');
    if (!allowed.ok) return allowed;
    const log = await logOf(trx, scenarioId);
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'status:read', 'scenario', scenarioId)]);
    return ok(log);
  });
}

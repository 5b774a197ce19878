// Unknown arrivals: people not on any list, recorded where they arrive (sealed), listed with registry candidates, matched to a household.
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { blindDigest, blindIndexKeysOf } from './blind-index.ts';
import { type RecordedBatch, recordIn } from './checkin-events.ts';
import { allowedOnScenario } from './scenario-access.ts';
import type { StoreSchema } from './schema.ts';
import { loadDataKeys, openRecord, sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

/** What an officer records about someone not on the list; every name is optional, at least one is given. */
export interface UnknownArrival {
  /** Made on the device, so a re-sent queue stores it once. */
  readonly id: string;
  /** Assembly point place id or exit id. */
  readonly place: string;
  /** ISO 8601 with offset. */
  readonly at: string;
  readonly device: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly nameArabic?: string;
  readonly approxAge?: number;
  readonly sex?: 'M' | 'F' | 'X';
  /** People with them, themselves included. */
  readonly persons: number;
  readonly note?: string;
}

/** A household of the registry whose names share look-up keys with an arrival (the matcher's blocking keys). */
export interface ArrivalCandidate {
  readonly householdId: string;
  readonly personIds: readonly string[];
  readonly sharedKeys: number;
}

export interface StoredArrival extends UnknownArrival {
  readonly recordedBy: string;
  readonly matchedHouseholdId?: string;
  readonly candidates: readonly ArrivalCandidate[];
}

export type ArrivalError =
  | Forbidden
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string }
  | { readonly kind: 'no-such-arrival'; readonly arrivalId: string }
  | { readonly kind: 'no-such-household'; readonly householdId: string }
  | { readonly kind: 'already-matched'; readonly arrivalId: string; readonly householdId: string }
  | { readonly kind: 'household-refused'; readonly batch: RecordedBatch };

/** Sealed: anything that names or describes the person. Plain: where, when, sex and head count (planning reads them). */
const SEALED_FIELDS = ['givenName', 'familyName', 'nameArabic', 'approxAge', 'note'] as const;

/**
 * Records a device's unknown arrivals (its queue, possibly again: an id already stored is a duplicate). Audited
 * by id only; the names and the note are sealed.
 * @example await recordUnknownArrivals(store, ctx, scenarioId, [{ id, place: 'ap-1', at, device, nameArabic: 'سعاد', persons: 3 }])
 */
export async function recordUnknownArrivals(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  arrivals: readonly UnknownArrival[],
): Promise<Result<{ accepted: string[]; duplicates: string[] }, ArrivalError>> {
  return store.db.transaction().execute(async (trx) => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'situation.report');
    if (!allowed.ok) return allowed;
    const ids = arrivals.map((a) => a.id);
    const known = new Set(
      ids.length === 0
        ? []
        : (await trx.selectFrom('unknown_arrivals').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
    );
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const a of arrivals) {
      if (known.has(a.id)) {
        duplicates.push(a.id);
        continue;
      }
      known.add(a.id);
      const fields = Object.fromEntries(SEALED_FIELDS.map((f) => [f, a[f]]));
      const { sealed, wrappedKey } = sealRecord(store.keyring, recordIdOf(a.id), fields);
      await trx
        .insertInto('unknown_arrivals')
        .values({
          id: a.id,
          scenario_id: scenarioId,
          place: a.place,
          at: a.at,
          sex: a.sex ?? null,
          persons: a.persons,
          sealed: JSON.stringify(sealed),
          recorded_by: ctx.actor.userId,
          device: a.device,
          received_at: ctx.now,
          matched_household_id: null,
          matched_by: null,
          matched_at: null,
        })
        .execute();
      await trx.insertInto('data_keys').values(wrappedKey).execute();
      accepted.push(a.id);
    }
    if (accepted.length > 0)
      await appendAudit(
        trx,
        store.keyring,
        accepted.map((id) => auditOf(ctx, 'arrival:record', 'unknown-arrival', id)),
      );
    return ok({ accepted, duplicates });
  });
}

/** The data-key record id of an arrival (kept apart from people's random record ids by its prefix). */
function recordIdOf(arrivalId: string): string {
  return `unknown-arrival:${arrivalId}`;
}

/**
 * The scenario's unknown arrivals, opened, oldest first; each unmatched one with up to five candidate households
 * found through the blind index (the de-duplication blocking keys of its names: the SQL sees only digests).
 * Reading names needs `person.search`; every arrival read is an audit row.
 * @example const list = await unknownArrivalsOf(store, ctx, scenarioId); if (list.ok) list.value[0]?.candidates
 */
export async function unknownArrivalsOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<StoredArrival[], ArrivalError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<StoredArrival[], ArrivalError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'person.search');
    if (!allowed.ok) return allowed;
    const rows = await trx
      .selectFrom('unknown_arrivals')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const keys = await loadDataKeys(
      trx,
      rows.map((r) => recordIdOf(r.id)),
    );
    const arrivals: StoredArrival[] = [];
    for (const row of rows) {
      const opened = openRecord(store.keyring, recordIdOf(row.id), keys.get(recordIdOf(row.id)), row.sealed);
      if (!opened.ok) throw new Error(`unknown arrival ${row.id}: ${opened.error.kind}`);
      const f = opened.value as Partial<Record<(typeof SEALED_FIELDS)[number], unknown>>;
      const arrival: UnknownArrival = {
        id: row.id,
        place: row.place,
        at: row.at,
        device: row.device,
        persons: row.persons,
        ...(typeof f.givenName === 'string' ? { givenName: f.givenName } : {}),
        ...(typeof f.familyName === 'string' ? { familyName: f.familyName } : {}),
        ...(typeof f.nameArabic === 'string' ? { nameArabic: f.nameArabic } : {}),
        ...(typeof f.approxAge === 'number' ? { approxAge: f.approxAge } : {}),
        ...(row.sex === 'M' || row.sex === 'F' || row.sex === 'X' ? { sex: row.sex } : {}),
        ...(typeof f.note === 'string' ? { note: f.note } : {}),
      };
      const candidates = row.matched_household_id === null ? await candidatesOf(trx, store, scenarioId, arrival) : [];
      arrivals.push({
        ...arrival,
        recordedBy: row.recorded_by,
        ...(row.matched_household_id === null ? {} : { matchedHouseholdId: row.matched_household_id }),
        candidates,
      });
    }
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, 'search', 'person-index', scenarioId),
      ...rows.map((r) => auditOf(ctx, 'read', 'unknown-arrival', r.id)),
    ]);
    return ok(arrivals);
  });
}

async function candidatesOf(
  trx: Transaction<StoreSchema>,
  store: Store,
  scenarioId: string,
  arrival: UnknownArrival,
): Promise<ArrivalCandidate[]> {
  const lookUp = blindIndexKeysOf({
    given_name: arrival.givenName ?? '',
    family_name: arrival.familyName ?? '',
    ...(arrival.nameArabic === undefined ? {} : { name_arabic: arrival.nameArabic }),
  });
  if (lookUp.length === 0) return [];
  const rows = await trx
    .selectFrom('person_blind_index')
    .innerJoin('people', 'people.id', 'person_blind_index.record_id')
    .select(['people.person_id', 'people.household_id'])
    .where('people.scenario_id', '=', scenarioId)
    .where(
      'person_blind_index.digest',
      'in',
      lookUp.map((k) => blindDigest(store.keyring, k)),
    )
    .execute();
  const byHousehold = new Map<string, { personIds: Set<string>; sharedKeys: number }>();
  for (const row of rows) {
    const h = byHousehold.get(row.household_id) ?? { personIds: new Set<string>(), sharedKeys: 0 };
    h.personIds.add(row.person_id);
    h.sharedKeys += 1;
    byHousehold.set(row.household_id, h);
  }
  return [...byHousehold.entries()]
    .map(([householdId, h]) => ({ householdId, personIds: [...h.personIds].sort(), sharedKeys: h.sharedKeys }))
    .sort((a, b) => b.sharedKeys - a.sharedKeys || a.householdId.localeCompare(b.householdId))
    .slice(0, 5);
}

/**
 * Links an arrival to a household of the registry and checks the household in at the arrival's time and device
 * (`at_assembly_point` for every member, all or none; a member already checked in stays as recorded). One
 * transaction: the link, the events and their audit rows.
 * @example await matchUnknownArrival(store, ctx, scenarioId, arrivalId, 'HH-0042')
 */
export async function matchUnknownArrival(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  arrivalId: string,
  householdId: string,
): Promise<Result<{ batch: RecordedBatch }, ArrivalError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<{ batch: RecordedBatch }, ArrivalError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'situation.report');
    if (!allowed.ok) return allowed;
    const arrival = await trx
      .selectFrom('unknown_arrivals')
      .selectAll()
      .where('id', '=', arrivalId)
      .where('scenario_id', '=', scenarioId)
      .executeTakeFirst();
    if (arrival === undefined) return err({ kind: 'no-such-arrival', arrivalId });
    if (arrival.matched_household_id !== null)
      return err({ kind: 'already-matched', arrivalId, householdId: arrival.matched_household_id });
    const members = await trx
      .selectFrom('people')
      .select('person_id')
      .where('scenario_id', '=', scenarioId)
      .where('household_id', '=', householdId)
      .orderBy('position')
      .execute();
    if (members.length === 0) return err({ kind: 'no-such-household', householdId });
    const batch = await recordIn(
      trx,
      store,
      ctx,
      scenarioId,
      members.map((m) => ({
        id: `arrival:${arrivalId}:${m.person_id}`,
        personId: m.person_id,
        status: 'at_assembly_point',
        at: arrival.at,
        recordedBy: ctx.actor.userId,
        device: arrival.device,
        group: `arrival:${arrivalId}`,
      })),
    );
    if (batch.refused.some((r) => r.error.kind !== 'already-recorded'))
      return err({ kind: 'household-refused', batch });
    await trx
      .updateTable('unknown_arrivals')
      .set({ matched_household_id: householdId, matched_by: ctx.actor.userId, matched_at: ctx.now })
      .where('id', '=', arrivalId)
      .execute();
    await appendAudit(trx, store.keyring, [auditOf(ctx, `arrival:match:${householdId}`, 'unknown-arrival', arrivalId)]);
    return ok({ batch });
  });
}

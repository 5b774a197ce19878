// What the instruction functions share: the pickup-code key, the versions of a household's instruction and the
// delivery state derived from the append-only log.
import { hkdfSync } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { InstructionFields, StoredCode, TextHash } from '../core/operation/index.ts';
import { hmacHash } from '../io/instructions/operation-keys.ts';
import type { Keyring } from './keyring.ts';
import type { InstructionDeliveriesTable, InstructionsTable, StoreSchema } from './schema.ts';

export type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;
export type InstructionVersion = Selectable<InstructionsTable>;
export type DeliveryRow = Selectable<InstructionDeliveriesTable>;

/**
 * HMAC-SHA-256 under a key derived from the store's index key: a stolen database (without the key file) cannot be
 * checked against the 23,400 possible codes.
 */
export function pickupCodeHash(keyring: Keyring): TextHash {
  return hmacHash(Buffer.from(hkdfSync('sha256', keyring.index, Buffer.alloc(0), 'safepassage/v1/pickup-codes', 32)));
}

/** The facts of a stored version, as re-issue compares them. */
export function fieldsOf(v: InstructionVersion): InstructionFields {
  return {
    household_id: v.household_id,
    assembly_point: v.assembly_point ?? '',
    window_from: v.window_from ?? '',
    window_to: v.window_to ?? '',
    vehicle: v.vehicle ?? '',
    exit: v.exit ?? '',
  };
}

/** A stored version's code as core checkCode reads it. */
export function storedOf(v: InstructionVersion): StoredCode {
  return {
    household_id: v.household_id,
    salt: v.code_salt ?? '',
    hash: v.code_hash ?? '',
    valid_from: v.valid_from ?? '',
    valid_until: v.valid_until ?? '',
  };
}

/** Every version of every household's instruction in a scenario, oldest first. */
export async function versionsOf(db: Db, scenarioId: string): Promise<InstructionVersion[]> {
  return db
    .selectFrom('instructions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
}

/** The version in force per household (the one not superseded). */
export function currentVersions(versions: readonly InstructionVersion[]): Map<string, InstructionVersion> {
  const current = new Map<string, InstructionVersion>();
  for (const v of versions) if (v.superseded_at === null) current.set(v.household_id, v);
  return current;
}

/**
 * Where a household stands: `not_issued` (no instruction, or withdrawn before anyone told it), `issued` (not sent
 * yet), `sent`, `acknowledged`, `refused` (the latest record on the message in force), or `changed_since_sent`
 * (told an earlier message, not yet the one in force: it must be told again).
 */
export type DeliveryState = 'not_issued' | 'issued' | 'sent' | 'acknowledged' | 'refused' | 'changed_since_sent';
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'not_issued',
  'issued',
  'sent',
  'acknowledged',
  'refused',
  'changed_since_sent',
];

export interface HouseholdDelivery {
  readonly state: DeliveryState;
  readonly current: InstructionVersion | undefined;
  /** The latest record on the message in force, if any. */
  readonly last: DeliveryRow | undefined;
}

/** Derives each household's state from its versions and the delivery log (nothing is stored as a state). */
export function deliveryStates(
  householdIds: readonly string[],
  versions: readonly InstructionVersion[],
  deliveries: readonly DeliveryRow[],
): Map<string, HouseholdDelivery> {
  const current = currentVersions(versions);
  const latestByMessage = new Map<string, DeliveryRow>();
  const toldMessages = new Set<string>();
  for (const d of [...deliveries].sort(compareDeliveries)) {
    latestByMessage.set(d.message_id, d);
    if (d.state !== 'refused') toldMessages.add(d.message_id);
  }
  const toldBefore = new Set<string>();
  for (const v of versions) {
    const inForce = current.get(v.household_id);
    if (v.message_id !== inForce?.message_id && toldMessages.has(v.message_id)) toldBefore.add(v.household_id);
  }
  const states = new Map<string, HouseholdDelivery>();
  for (const id of householdIds) {
    const version = current.get(id);
    const last = version === undefined ? undefined : latestByMessage.get(version.message_id);
    let state: DeliveryState;
    if (version === undefined) state = 'not_issued';
    else if (last !== undefined) state = last.state;
    else if (toldBefore.has(id)) state = 'changed_since_sent';
    else state = version.change === 'withdrawn' ? 'not_issued' : 'issued';
    states.set(id, { state, current: version, last });
  }
  return states;
}

/** A scenario's households (in list order) and the delivery state of each, as the overview and the export read them. */
export async function scenarioDeliveryStates(db: Db, scenarioId: string) {
  const households = await db
    .selectFrom('households')
    .select(['household_id', 'head_id', 'member_ids'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute();
  const versions = await versionsOf(db, scenarioId);
  const deliveries = await db
    .selectFrom('instruction_deliveries')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .execute();
  const states = deliveryStates(
    households.map((h) => h.household_id),
    versions,
    deliveries,
  );
  return { households, states };
}

/** Households that must be told now: never told the message in force, or told an earlier one. */
export function mustTell(state: DeliveryState): boolean {
  return state === 'issued' || state === 'changed_since_sent';
}

/** By the field's time (as an instant), then by arrival at the server: the latest record decides. */
function compareDeliveries(a: DeliveryRow, b: DeliveryRow): number {
  const at = Date.parse(a.at) - Date.parse(b.at);
  if (at !== 0 && !Number.isNaN(at)) return at;
  return new Date(a.received_at).getTime() - new Date(b.received_at).getTime() || a.id.localeCompare(b.id);
}

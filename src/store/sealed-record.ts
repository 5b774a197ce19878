// Seals and opens one record's sensitive fields with its own data key (stored wrapped in data_keys).
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { newDataKey, openFields, sealFields, type UnsealError, unwrapDataKey, wrapDataKey } from './field-crypto.ts';
import type { Keyring } from './keyring.ts';
import type { StoreSchema } from './schema.ts';

/** A record's sealed fields and its wrapped data key, ready to insert. */
export interface SealedRecord {
  readonly sealed: Record<string, string>;
  readonly wrappedKey: { readonly record_id: string; readonly wrapped_key: string };
}

/** Seals `fields` under a fresh data key for `recordId`. */
export function sealRecord(keyring: Keyring, recordId: string, fields: Record<string, unknown>): SealedRecord {
  const dataKey = newDataKey();
  const sealed = sealFields(dataKey, recordId, fields);
  const wrappedKey = { record_id: recordId, wrapped_key: wrapDataKey(keyring, recordId, dataKey) };
  dataKey.fill(0);
  return { sealed, wrappedKey };
}

export type OpenRecordError = UnsealError | { readonly kind: 'data-key-missing'; readonly recordId: string };

/** Loads the wrapped data keys of `recordIds` (one query). */
export async function loadDataKeys(
  trx: Transaction<StoreSchema>,
  recordIds: readonly string[],
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (let i = 0; i < recordIds.length; i += 5000) {
    const chunk = recordIds.slice(i, i + 5000);
    const rows = await trx.selectFrom('data_keys').selectAll().where('record_id', 'in', chunk).execute();
    for (const row of rows) keys.set(row.record_id, row.wrapped_key);
  }
  return keys;
}

/** Opens the fields of one record (only those in `only`, when given). */
export function openRecord(
  keyring: Keyring,
  recordId: string,
  wrappedKey: string | undefined,
  sealed: Readonly<Record<string, string>>,
  only?: ReadonlySet<string>,
): Result<Record<string, unknown>, OpenRecordError> {
  if (wrappedKey === undefined) return err({ kind: 'data-key-missing', recordId });
  const dataKey = unwrapDataKey(keyring, recordId, wrappedKey);
  if (!dataKey.ok) return dataKey;
  const fields = openFields(dataKey.value, recordId, sealed, only);
  dataKey.value.fill(0);
  return fields.ok ? ok(fields.value) : fields;
}

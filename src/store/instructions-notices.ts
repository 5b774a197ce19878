// Withdrawal notices at issue: a household no longer carried gets a "do not come" message, written from its
// previous message (same phone, same languages, the day of its cancelled window) and sealed like any message.
import type { Transaction } from 'kysely';
import {
  buildWithdrawalNotice,
  type InstructionError,
  type InstructionLanguage,
  type InstructionText,
  type WithdrawalNotice,
} from '../core/operation/index.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { InstructionVersion } from './instructions-versions.ts';
import type { Keyring } from './keyring.ts';
import type { StoreSchema } from './schema.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';

/** The sealed part of a withdrawal notice: the texts and the phone they go to (no code: there is none). */
export interface SealedNotice {
  readonly texts: readonly InstructionText[];
  readonly phone_e164?: string;
}

export type NoticeError = OpenRecordError | { readonly kind: 'instruction'; readonly error: InstructionError };

/**
 * A notice per household whose message in force (`previous`) is a real message, keyed by household. A version
 * without a message (a withdrawal already, or one sealed before notices existed) gets none. Whether the household
 * must actually be sent it is decided from the delivery log when exporting: one never told needs no notice.
 */
export async function withdrawalNotices(
  trx: Transaction<StoreSchema>,
  keyring: Keyring,
  previous: readonly InstructionVersion[],
  options: { readonly organisation?: string },
): Promise<Result<Map<string, WithdrawalNotice>, NoticeError>> {
  const withMessage = previous.filter((v) => v.change !== 'withdrawn' && v.window_from !== null && hasSealed(v));
  const keys = await loadDataKeys(trx, [...new Set(withMessage.map((v) => v.message_id))]);
  const notices = new Map<string, WithdrawalNotice>();
  for (const v of withMessage) {
    const opened = openRecord(
      keyring,
      v.message_id,
      keys.get(v.message_id),
      v.sealed,
      new Set(['texts', 'phone_e164']),
    );
    if (!opened.ok) return err(opened.error);
    const message = opened.value as Partial<SealedNotice>;
    const language = (v.language ?? 'ar') as InstructionLanguage;
    const built = buildWithdrawalNotice({
      household_id: v.household_id,
      language,
      languages: (message.texts ?? []).map((t) => t.lang),
      ...(message.phone_e164 === undefined ? {} : { phone_e164: message.phone_e164 }),
      windowFrom: v.window_from ?? '',
      ...(options.organisation ? { organisation: options.organisation } : {}),
    });
    if (!built.ok) return err({ kind: 'instruction', error: built.error });
    notices.set(v.household_id, built.value);
  }
  return ok(notices);
}

/** Whether a version carries sealed texts (a withdrawal without a notice is stored as `{}`). */
export function hasSealed(v: InstructionVersion): boolean {
  return Object.keys(v.sealed ?? {}).length > 0;
}

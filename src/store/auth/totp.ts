// TOTP second factor (RFC 6238 via otpauth): enrolment, confirmation and checking, with the secret sealed and replays refused.

import type { Transaction } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit.ts';
import type { StoreSchema } from '../schema.ts';
import { loadDataKeys, openRecord, sealRecord } from '../sealed-record.ts';
import type { Store } from '../store.ts';

const PERIOD_S = 30;

function totpOf(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Safe Passage',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

export type TotpError =
  | { readonly kind: 'no-such-user'; readonly userId: string }
  | { readonly kind: 'not-enrolled' }
  | { readonly kind: 'invalid-code' };

/**
 * Starts enrolment: a new secret, sealed in the user's row; returns the otpauth:// URI for the
 * authenticator app (show it as a QR code once). The factor is enforced only after confirmTotp.
 */
export async function beginTotpEnrolment(
  store: Store,
  userId: string,
  now: Date,
): Promise<Result<{ uri: string; secret: string }, TotpError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<{ uri: string; secret: string }, TotpError>> => {
    const user = await trx.selectFrom('users').select(['username']).where('id', '=', userId).executeTakeFirst();
    if (user === undefined) return err({ kind: 'no-such-user', userId });
    const secret = new Secret({ size: 20 }).base32;
    const { sealed, wrappedKey } = sealRecord(store.keyring, userId, { totp_secret: secret });
    await trx.deleteFrom('data_keys').where('record_id', '=', userId).execute();
    await trx.insertInto('data_keys').values(wrappedKey).execute();
    await trx
      .updateTable('users')
      .set({ totp_secret: sealed.totp_secret!, totp_enabled: false, totp_last_step: null })
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, store.keyring, [selfAudit(userId, 'totp-enrol', now)]);
    return ok({ uri: totpOf(secret, user.username).toString(), secret });
  });
}

/** Confirms enrolment with a first code from the app; from then on login needs a code. */
export async function confirmTotp(
  store: Store,
  userId: string,
  code: string,
  now: Date,
): Promise<Result<void, TotpError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<void, TotpError>> => {
    const checked = await checkTotp(trx, store, userId, code, now);
    if (!checked.ok) return checked;
    await trx.updateTable('users').set({ totp_enabled: true }).where('id', '=', userId).execute();
    await appendAudit(trx, store.keyring, [selfAudit(userId, 'totp-confirm', now)]);
    return ok(undefined);
  });
}

/**
 * Checks a code (±1 step of clock drift) inside the caller's transaction and records its time step, so
 * the same code cannot be used twice.
 */
export async function checkTotp(
  trx: Transaction<StoreSchema>,
  store: Store,
  userId: string,
  code: string,
  now: Date,
): Promise<Result<void, TotpError>> {
  const user = await trx
    .selectFrom('users')
    .select(['username', 'totp_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined) return err({ kind: 'no-such-user', userId });
  if (user.totp_secret === null) return err({ kind: 'not-enrolled' });
  const keys = await loadDataKeys(trx, [userId]);
  const opened = openRecord(store.keyring, userId, keys.get(userId), { totp_secret: user.totp_secret });
  if (!opened.ok) return err({ kind: 'not-enrolled' });
  const secret = opened.value.totp_secret as string;
  const delta = totpOf(secret, user.username).validate({
    token: code.replace(/\s+/g, ''),
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return err({ kind: 'invalid-code' });
  const step = Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
  if (user.totp_last_step !== null && step <= user.totp_last_step) return err({ kind: 'invalid-code' });
  await trx.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
  return ok(undefined);
}

/** The current code for a secret: for tests and for showing a provisioning check. */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpOf(secretBase32, 'check').generate({ timestamp: at.getTime() });
}

function selfAudit(userId: string, action: string, at: Date) {
  return {
    actorUserId: userId,
    actorOrganisationId: null,
    action,
    entity: 'user',
    entityId: userId,
    clientAddress: 'session',
    purpose: 'account security',
    at,
  };
}

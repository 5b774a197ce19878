// Login: per-address rate limit, per-account lockout (both counted in the database), password, then TOTP, then a session.
import { err, ok, type Result } from '../../core/result.ts';
import { type AuditEntry, appendAudit } from '../audit.ts';
import type { Store } from '../store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, type Session } from './sessions.ts';
import { checkTotp } from './totp.ts';

export interface LoginLimits {
  /** Failed logins in a row before the account locks. */
  readonly failuresBeforeLockout: number;
  readonly lockoutMs: number;
  /** Attempts one client address may make per window, whatever the account. */
  readonly attemptsPerAddress: number;
  readonly addressWindowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = Object.freeze({
  failuresBeforeLockout: 5,
  lockoutMs: 15 * 60 * 1000,
  attemptsPerAddress: 30,
  addressWindowMs: 15 * 60 * 1000,
});

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  readonly totpCode?: string;
  readonly clientAddress: string;
  readonly now: Date;
}

export type LoginError =
  | { readonly kind: 'rate-limited'; readonly retryAfter: Date }
  | { readonly kind: 'locked'; readonly until: Date }
  /** Unknown user and wrong password look the same. */
  | { readonly kind: 'invalid-credentials' }
  | { readonly kind: 'second-factor-required' };

export interface LoggedIn extends Session {
  readonly userId: string;
  readonly mustChangePassword: boolean;
}

let dummyHash: Promise<string> | undefined;

/**
 * Logs a user in. Argon2id runs outside any transaction (it is slow on purpose and must not hold the
 * embedded database's one connection).
 * @example const r = await login(store, { username: 'admin', password, clientAddress: '10.0.0.5', now: new Date() });
 */
export async function login(
  store: Store,
  request: LoginRequest,
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<Result<LoggedIn, LoginError>> {
  const { now, clientAddress } = request;
  const throttled = await countAttempt(store, clientAddress, now, limits);
  if (throttled !== undefined) return err({ kind: 'rate-limited', retryAfter: throttled });

  const user = await store.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'locked_until', 'totp_enabled', 'must_change_password'])
    .where('username', '=', request.username)
    .executeTakeFirst();
  if (user === undefined) {
    // Same work as a real check, so response time does not tell which usernames exist.
    dummyHash ??= hashPassword('dummy password', store.passwordHashing);
    await verifyPassword(request.password, await dummyHash);
    return err({ kind: 'invalid-credentials' });
  }
  if (user.locked_until !== null && new Date(user.locked_until).getTime() > now.getTime())
    return err({ kind: 'locked', until: new Date(user.locked_until) });
  const passwordOk = await verifyPassword(request.password, user.password_hash);
  if (passwordOk && user.totp_enabled && request.totpCode === undefined) return err({ kind: 'second-factor-required' });

  const audit = (action: string): AuditEntry => ({
    actorUserId: user.id,
    actorOrganisationId: null,
    action,
    entity: 'user',
    entityId: user.id,
    clientAddress,
    purpose: 'authentication',
    at: now,
  });
  return store.db.transaction().execute(async (trx): Promise<Result<LoggedIn, LoginError>> => {
    let accepted = passwordOk;
    if (accepted && user.totp_enabled)
      accepted = (await checkTotp(trx, store, user.id, request.totpCode ?? '', now)).ok;
    if (!accepted) {
      const row = await trx
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', user.id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      if (row.failed_logins >= limits.failuresBeforeLockout) {
        const until = new Date(now.getTime() + limits.lockoutMs);
        await trx
          .updateTable('users')
          .set({ locked_until: until, failed_logins: 0 })
          .where('id', '=', user.id)
          .execute();
        await appendAudit(trx, store.keyring, [audit('login-failed'), audit('locked')]);
        return err({ kind: 'locked', until });
      }
      await appendAudit(trx, store.keyring, [audit('login-failed')]);
      return err({ kind: 'invalid-credentials' });
    }
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const session = await createSession(trx, user.id, clientAddress, now);
    await appendAudit(trx, store.keyring, [audit('login')]);
    return ok({ ...session, userId: user.id, mustChangePassword: user.must_change_password });
  });
}

/** Counts one attempt from `clientAddress`; returns when it may try again if it is over the limit. */
async function countAttempt(
  store: Store,
  clientAddress: string,
  now: Date,
  limits: LoginLimits,
): Promise<Date | undefined> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('client_address', '=', clientAddress)
      .forUpdate()
      .executeTakeFirst();
    const windowStart = row === undefined ? now : new Date(row.window_started_at);
    const expired = now.getTime() - windowStart.getTime() >= limits.addressWindowMs;
    const attempts = row === undefined || expired ? 1 : row.attempts + 1;
    const startedAt = row === undefined || expired ? now : windowStart;
    await trx
      .insertInto('login_throttle')
      .values({ client_address: clientAddress, window_started_at: startedAt, attempts })
      .onConflict((c) => c.column('client_address').doUpdateSet({ window_started_at: startedAt, attempts }))
      .execute();
    return attempts > limits.attemptsPerAddress ? new Date(startedAt.getTime() + limits.addressWindowMs) : undefined;
  });
}

/** Sets a new password (clears the must-change flag and any lockout). The caller has authenticated the user. */
export async function changePassword(store: Store, userId: string, newPassword: string, now: Date): Promise<void> {
  const hash = await hashPassword(newPassword, store.passwordHashing);
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, store.keyring, [
      {
        actorUserId: userId,
        actorOrganisationId: null,
        action: 'change-password',
        entity: 'user',
        entityId: userId,
        clientAddress: 'session',
        purpose: 'account security',
        at: now,
      },
    ]);
  });
}

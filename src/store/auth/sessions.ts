// Bearer sessions: random 256-bit tokens, stored only as SHA-256 hashes, with a fixed lifetime.
import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../../core/result.ts';
import { type Actor, STAFF_ROLES, type StaffRole } from '../policy.ts';
import type { StoreSchema } from '../schema.ts';
import type { Store } from '../store.ts';

/** Eight hours: one working shift; after it the user logs in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface Session {
  /** The bearer token: returned once, never stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Opens a session for `userId` inside the caller's transaction. */
export async function createSession(
  trx: Transaction<StoreSchema>,
  userId: string,
  clientAddress: string,
  now: Date,
  lifetimeMs = SESSION_LIFETIME_MS,
): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await trx
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      client_address: clientAddress,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export interface AuthenticatedSession {
  readonly actor: Actor;
  readonly mustChangePassword: boolean;
  readonly expiresAt: Date;
}

/** Who holds `token` at `now`; expired and unknown tokens are the same error (no oracle). */
export async function authenticateSession(
  store: Store,
  token: string,
  now: Date,
): Promise<Result<AuthenticatedSession, { readonly kind: 'invalid-session' }>> {
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.organisation_id', 'users.role', 'users.must_change_password', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (row === undefined || new Date(row.expires_at).getTime() <= now.getTime()) return err({ kind: 'invalid-session' });
  if (!STAFF_ROLES.includes(row.role as StaffRole)) return err({ kind: 'invalid-session' });
  return ok({
    actor: { userId: row.id, organisationId: row.organisation_id, role: row.role as StaffRole },
    mustChangePassword: row.must_change_password,
    expiresAt: new Date(row.expires_at),
  });
}

/** Ends a session (logout). */
export async function revokeSession(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

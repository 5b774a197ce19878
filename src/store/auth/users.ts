// Staff accounts: creating them (by an administrator), and the first administrator on first start.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from '../access-context.ts';
import { appendAudit } from '../audit.ts';
import { STAFF_ROLES, type StaffRole } from '../policy.ts';
import type { Store } from '../store.ts';
import { hashPassword, oneTimePassword } from './passwords.ts';

export type UserError =
  | Forbidden
  | { readonly kind: 'username-taken'; readonly username: string }
  | { readonly kind: 'unknown-role'; readonly role: string }
  | { readonly kind: 'no-such-organisation'; readonly organisationId: string };

export interface NewUser {
  readonly userId: string;
  readonly username: string;
  /** Shown once to the administrator; the user must change it at first login. */
  readonly oneTimePassword: string;
}

/** Creates a staff account with a one-time password (administrators only). */
export async function createUser(
  store: Store,
  ctx: AccessContext,
  account: { readonly username: string; readonly organisationId: string; readonly role: string },
): Promise<Result<NewUser, UserError>> {
  const allowed = check(ctx, 'user.manage', { kind: 'system' });
  if (!allowed.ok) return allowed;
  if (!STAFF_ROLES.includes(account.role as StaffRole)) return err({ kind: 'unknown-role', role: account.role });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password, store.passwordHashing);
  return store.db.transaction().execute(async (trx): Promise<Result<NewUser, UserError>> => {
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', account.organisationId)
      .executeTakeFirst();
    if (org === undefined) return err({ kind: 'no-such-organisation', organisationId: account.organisationId });
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', account.username)
      .executeTakeFirst();
    if (taken !== undefined) return err({ kind: 'username-taken', username: account.username });
    const userId = randomUUID();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        organisation_id: account.organisationId,
        username: account.username,
        role: account.role,
        password_hash: passwordHash,
        must_change_password: true,
        totp_secret: null,
        totp_enabled: false,
        totp_last_step: null,
        failed_logins: 0,
        locked_until: null,
        created_at: ctx.now,
      })
      .execute();
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'create', 'user', userId)]);
    return ok({ userId, username: account.username, oneTimePassword: password });
  });
}

/** The outcome of first start: the administrator's one-time password exists only in this value. */
export type FirstStart = { readonly created: false } | ({ readonly created: true } & NewUser);

export const FIRST_ORGANISATION_ID = 'home';

/**
 * On an empty store, creates the home organisation and an `admin` account with a one-time password, and
 * returns it (print it once; it is stored only as an Argon2id hash). On a store with users, does nothing.
 */
export async function ensureAdministrator(store: Store, now: Date, clientAddress = 'local'): Promise<FirstStart> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password, store.passwordHashing);
  return store.db.transaction().execute(async (trx): Promise<FirstStart> => {
    const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyone !== undefined) return { created: false };
    await trx
      .insertInto('organisations')
      .values({ id: FIRST_ORGANISATION_ID, name: 'Home organisation', kind: 'ngo', created_at: now })
      .onConflict((c) => c.doNothing())
      .execute();
    const userId = randomUUID();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        organisation_id: FIRST_ORGANISATION_ID,
        username: 'admin',
        role: 'administrator',
        password_hash: passwordHash,
        must_change_password: true,
        totp_secret: null,
        totp_enabled: false,
        totp_last_step: null,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
      })
      .execute();
    await appendAudit(trx, store.keyring, [
      {
        actorUserId: null,
        actorOrganisationId: null,
        action: 'create-first-administrator',
        entity: 'user',
        entityId: userId,
        clientAddress,
        purpose: 'first start',
        at: now,
      },
    ]);
    return { created: true, userId, username: 'admin', oneTimePassword: password };
  });
}

// Accounts and organisations as the API shows them (names, roles): plain columns only, nothing sealed.
import type { Store } from '../../store/index.ts';

export interface AccountView {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly organisation_id: string;
  readonly organisation_name: string;
}

export async function accountOf(store: Store, userId: string): Promise<AccountView | undefined> {
  return store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id as id',
      'users.username as username',
      'users.role as role',
      'users.organisation_id as organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function userIdOf(store: Store, username: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id;
}

/**
 * Adds an organisation (a partner government for the demo) if it is missing. The store has no API for
 * organisations yet; this writes the plain row only.
 */
export async function ensureOrganisation(
  store: Store,
  org: { id: string; name: string; kind: 'ngo' | 'government'; country?: string },
  now: Date,
): Promise<void> {
  await store.db
    .insertInto('organisations')
    .values({ id: org.id, name: org.name, kind: org.kind, country: org.country ?? null, created_at: now })
    .onConflict((c) => c.doNothing())
    .execute();
}

/** The user's Argon2id hash, to check the current password before a change. */
export async function passwordHashOf(store: Store, userId: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

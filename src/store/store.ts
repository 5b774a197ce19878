// Opens the store: embedded PGlite on a data folder by default, PostgreSQL through DATABASE_URL; migrates and checks the key.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { err, ok, type Result } from '../core/result.ts';
import { ARGON2_PRODUCTION, type Argon2Params, type Keyring } from './keyring.ts';
import { migrateToLatest } from './migrations.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { StoreSchema } from './schema.ts';

/** Where the data lives. */
export type StoreLocation =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string };

/** An open store: the typed query builder plus the keys that unlock its sealed fields. */
export interface Store {
  readonly db: Kysely<StoreSchema>;
  readonly keyring: Keyring;
  readonly location: StoreLocation;
  /** Cost of new password hashes (tests pass a tiny one). */
  readonly passwordHashing: Argon2Params;
  close(): Promise<void>;
}

export type StoreConfig = { readonly dataDir: string } | { readonly databaseUrl: string };

export interface StoreOptions {
  readonly passwordHashing?: Argon2Params;
}

export type StoreOpenError =
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'migration-failed'; readonly migration: string | undefined; readonly message: string }
  /** The store was created under another master key: nothing sealed in it could be opened. */
  | { readonly kind: 'wrong-key' };

/** Where the embedded store lives when no folder is named. */
export const DEFAULT_DATA_DIR = '.safepassage-data';

/**
 * Opens (and on first use creates) the store, runs pending migrations and checks that `keyring` is the
 * store's key.
 * @example const opened = await openStore({ dataDir: '.safepassage-data' }, keyring); if (opened.ok) …
 */
export async function openStore(
  config: StoreConfig,
  keyring: Keyring,
  options: StoreOptions = {},
): Promise<Result<Store, StoreOpenError>> {
  let db: Kysely<StoreSchema>;
  let location: StoreLocation;
  let closeDriver: () => Promise<void>;
  try {
    if ('dataDir' in config) {
      const pglite = await PGlite.create(config.dataDir);
      db = new Kysely<StoreSchema>({ dialect: new PGliteDialect(pglite) });
      location = { kind: 'pglite', dataDir: config.dataDir };
      closeDriver = async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      };
    } else {
      const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
      // An idle connection the server drops (a restart, a failover, an administrator) is an 'error' on the pool; unhandled,
      // it would end the process. The pool discards that client and the next query opens a new connection.
      pool.on('error', (error) => {
        console.error(`store: an idle database connection was closed (${error.message}); the next query reconnects`);
      });
      db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
      location = { kind: 'postgres', databaseUrl: config.databaseUrl };
      closeDriver = () => db.destroy();
    }
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
  } catch (error) {
    return err({ kind: 'unreachable', message: (error as Error).message });
  }
  const migrated = await migrateToLatest(db as Kysely<unknown>);
  if (migrated.error !== undefined) {
    await closeDriver();
    const failed = migrated.results?.find((r) => r.status === 'Error');
    return err({
      kind: 'migration-failed',
      migration: failed?.migrationName,
      message: (migrated.error as Error).message ?? String(migrated.error),
    });
  }
  if (!(await keyMatches(db, keyring))) {
    await closeDriver();
    return err({ kind: 'wrong-key' });
  }
  let closed = false;
  return ok({
    db,
    keyring,
    location,
    passwordHashing: options.passwordHashing ?? ARGON2_PRODUCTION,
    async close() {
      if (closed) return;
      closed = true;
      await closeDriver();
    },
  });
}

/** The first open records a check value of the key; later opens compare with it. */
async function keyMatches(db: Kysely<StoreSchema>, keyring: Keyring): Promise<boolean> {
  const check = createHmac('sha256', keyring.index).update('safepassage/key-check').digest('hex');
  await db
    .insertInto('store_meta')
    .values({ id: 1, key_check: check })
    .onConflict((c) => c.doNothing())
    .execute();
  const row = await db.selectFrom('store_meta').select('key_check').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.key_check.length === check.length && timingSafeEqual(Buffer.from(row.key_check), Buffer.from(check));
}

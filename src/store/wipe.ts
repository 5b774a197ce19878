// Emergency wipe: destroy the key material first (that alone makes data and backups unreadable), then the data.
import { rm } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { destroyKeyFile, destroyKeyring, type Keyring, type KeySource } from './keyring.ts';
import { STORE_TABLES, type StoreSchema } from './schema.ts';
import type { Store, StoreConfig } from './store.ts';

export interface WipeReport {
  readonly durationMs: number;
  /** What was destroyed, for the operator's screen. */
  readonly destroyed: readonly string[];
}

/**
 * Wipes an open store: overwrites and unlinks the key file (or passphrase salt file), zeroes the keys in
 * memory, then deletes the wrapped data keys and truncates every table (PostgreSQL) or removes the whole
 * data folder (PGlite). The store is closed afterwards. Policy is the caller's: the CLI asks for --yes,
 * the API for an administrator (action store.wipe).
 * @example const report = await wipe(store, keyring); console.log(report.durationMs)
 */
export async function wipe(store: Store, keyring: Keyring = store.keyring): Promise<WipeReport> {
  const started = performance.now();
  const destroyed: string[] = [];
  await destroyKeyring(keyring);
  destroyed.push(describeKey(keyring.source));
  if (store.location.kind === 'postgres') {
    try {
      destroyed.push(...(await truncateAll(store.db)));
    } finally {
      await store.close();
    }
  } else {
    await store.close().catch(() => undefined);
    await rm(store.location.dataDir, { recursive: true, force: true });
    destroyed.push(`data folder ${store.location.dataDir}`);
  }
  return { durationMs: performance.now() - started, destroyed };
}

/**
 * Wipes a store that cannot be opened (key already lost, wrong passphrase, damaged data): the same
 * destruction without the keyring. An emergency wipe must never fail for want of the key.
 */
export async function wipeUnopened(config: StoreConfig, keySource: KeySource): Promise<WipeReport> {
  const started = performance.now();
  const destroyed: string[] = [];
  if (await destroyKeyFile(keySource.kind === 'key-file' ? keySource.path : keySource.saltFile))
    destroyed.push(describeKey(keySource));
  if ('dataDir' in config) {
    await rm(config.dataDir, { recursive: true, force: true });
    destroyed.push(`data folder ${config.dataDir}`);
  } else {
    const db = new Kysely<StoreSchema>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.databaseUrl, max: 1 }) }),
    });
    try {
      destroyed.push(...(await truncateAll(db)));
    } finally {
      await db.destroy();
    }
  }
  return { durationMs: performance.now() - started, destroyed };
}

async function truncateAll(db: Kysely<StoreSchema>): Promise<string[]> {
  await db.deleteFrom('data_keys').execute();
  await sql`truncate ${sql.join(STORE_TABLES.map((t) => sql.table(t)))}`.execute(db);
  return ['wrapped data keys (deleted)', 'every table (truncated)'];
}

function describeKey(source: KeySource): string {
  return source.kind === 'key-file' ? `key file ${source.path}` : `passphrase salt file ${source.saltFile}`;
}

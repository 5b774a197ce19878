// Test harness: the same suite runs once per dialect, on a fresh embedded data folder or a fresh PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { type Argon2Params, createKeyFile, type Keyring } from '../../src/store/keyring.ts';
import { MIGRATIONS, migrateToLatest } from '../../src/store/migrations.ts';
import { PGliteDialect } from '../../src/store/pglite-dialect.ts';
import { openStore, type Store, type StoreConfig } from '../../src/store/store.ts';

/** Argon2id small enough for tests (production cost is in keyring.ts and docs/security.md). */
export const TEST_ARGON2: Argon2Params = { memoryKiB: 256, iterations: 1, parallelism: 1 };

export interface Dialect {
  readonly name: 'pglite' | 'postgres';
  /** A fresh, empty place for a store: a temp data folder, or a new database on the test server. */
  freshConfig(): Promise<StoreConfig>;
}

const pglite: Dialect = {
  name: 'pglite',
  async freshConfig() {
    const dataDir = join(scratchDir(), 'data');
    cpSync(await pgliteTemplate(), dataDir, { recursive: true });
    return { dataDir };
  },
};

/**
 * PGlite's initdb takes seconds of WASM work; a migrated empty data folder is made once (shared by test
 * files through the temp folder, named after the migrations) and copied for each fresh store.
 */
async function pgliteTemplate(): Promise<string> {
  const name = `safepassage-pglite-template-${Object.keys(MIGRATIONS).join('+')}`;
  const template = join(SCRATCH_ROOT, name);
  if (existsSync(join(template, 'READY'))) return template;
  const building = mkdtempSync(join(SCRATCH_ROOT, `${name}-building-`));
  const pgliteDb = await PGlite.create(join(building, 'data'));
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pgliteDb) });
  const { error } = await migrateToLatest(db);
  await db.destroy();
  await pgliteDb.close();
  if (error !== undefined) throw error;
  writeFileSync(join(building, 'data', 'READY'), '');
  try {
    renameSync(join(building, 'data'), template);
  } catch {
    // Another test file built it first: use theirs.
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

const postgres: Dialect = {
  name: 'postgres',
  async freshConfig() {
    const url = process.env.DATABASE_URL!;
    const name = `sp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    createdDatabases.push(name);
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    return { databaseUrl: fresh.toString() };
  },
};

const createdDatabases: string[] = [];

/** Drops the databases this test file created (PostgreSQL keeps them otherwise). */
export async function dropTestDatabases(): Promise<void> {
  if (process.env.DATABASE_URL === undefined || createdDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  for (const name of createdDatabases.splice(0)) {
    // An autovacuum worker (not ours to terminate) may still be in a just-truncated database: retry, then leave it.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
        break;
      } catch (error) {
        if (attempt === 4) console.warn(`store tests: could not drop ${name}: ${(error as Error).message}`);
        else await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  }
  await admin.end();
}

if (process.env.DATABASE_URL === undefined) {
  console.warn(
    'store tests: DATABASE_URL is not set, so the PostgreSQL half is SKIPPED (eval "$(bash scripts/ci-postgres.sh)" to run it)',
  );
}

/** The dialects to run: PGlite always; PostgreSQL when DATABASE_URL is set. Use with describe.each. */
export const DIALECTS: readonly Dialect[] = process.env.DATABASE_URL === undefined ? [pglite] : [pglite, postgres];

/** Dialects skipped in this run, so a suite can show them as skipped rather than silently absent. */
export const SKIPPED_DIALECTS: readonly string[] = process.env.DATABASE_URL === undefined ? ['postgres'] : [];

/**
 * Scratch space in memory (/dev/shm) when there is one: PGlite reads and writes its whole data folder, and on
 * a slow disk that I/O, not the database, dominates the suite's time.
 */
const SCRATCH_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export function scratchDir(): string {
  const dir = mkdtempSync(join(SCRATCH_ROOT, 'safepassage-store-'));
  scratchDirs.push(dir);
  return dir;
}
const scratchDirs: string[] = [];

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh store with a fresh key file (beside it, in a scratch folder). */
export async function freshStore(dialect: Dialect): Promise<{ store: Store; keyring: Keyring; config: StoreConfig }> {
  const config = await dialect.freshConfig();
  const keyring = await createKeyFile(join(scratchDir(), 'store.key'));
  if (!keyring.ok) throw new Error(keyring.error.kind);
  const opened = await openStore(config, keyring.value, { passwordHashing: TEST_ARGON2 });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  return { store: opened.value, keyring: keyring.value, config };
}

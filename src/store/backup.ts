// Encrypted backup and restore: every table as JSON, gzipped, sealed with a key derived from the master key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import type { Keyring } from './keyring.ts';
import { STORE_TABLES } from './schema.ts';
import type { Store } from './store.ts';

const MAGIC = Buffer.from('SPBACK01', 'ascii');
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type RestoreError =
  | Forbidden
  /** Wrong key, a destroyed key, or a damaged file: GCM cannot tell these apart, and need not. */
  | { readonly kind: 'backup-unreadable' }
  | { readonly kind: 'store-not-empty' };

/**
 * Writes an encrypted backup of the whole store to `file`. Sealed fields stay sealed inside; the file as a
 * whole is sealed again under a key derived from the master key, so destroying the key kills the backup.
 * @example await backup(store, ctx, '/media/usb/safepassage-2018-07-20.spbak')
 */
export async function backup(
  store: Store,
  ctx: AccessContext,
  file: string,
): Promise<Result<{ bytes: number }, Forbidden>> {
  const allowed = check(ctx, 'store.backup', { kind: 'system' });
  if (!allowed.ok) return allowed;
  const json = await store.db.transaction().execute(async (trx) => {
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'backup', 'store', 'all')]);
    const parts: string[] = [];
    for (const table of STORE_TABLES) {
      const { rows } = await sql<{
        rows: string;
      }>`select coalesce(json_agg(t), '[]'::json)::text as rows from ${sql.table(table)} t`.execute(trx);
      parts.push(`${JSON.stringify(table)}:${rows[0]!.rows}`);
    }
    return `{"format":"safepassage-backup/1","tables":{${parts.join(',')}}}`;
  });
  const sealed = sealBackup(store.keyring, gzipSync(Buffer.from(json, 'utf8')));
  await writeFile(file, sealed, { mode: 0o600 });
  return ok({ bytes: sealed.length });
}

/**
 * Restores a backup into an empty store opened with the same keyring (a new data folder or database).
 * All or nothing: one transaction.
 */
export async function restore(
  store: Store,
  ctx: AccessContext,
  file: string,
): Promise<Result<{ rows: number }, RestoreError>> {
  const allowed = check(ctx, 'store.restore', { kind: 'system' });
  if (!allowed.ok) return allowed;
  const plain = openBackup(store.keyring, await readFile(file));
  if (plain === undefined) return err({ kind: 'backup-unreadable' });
  const content = JSON.parse(gunzipSync(plain).toString('utf8')) as { tables: Record<string, unknown[]> };
  return store.db.transaction().execute(async (trx): Promise<Result<{ rows: number }, RestoreError>> => {
    const people = await trx.selectFrom('people').select('id').limit(1).executeTakeFirst();
    const users = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const head = await trx.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
    if (people !== undefined || users !== undefined || (head?.seq ?? 0) > 0) return err({ kind: 'store-not-empty' });
    await trx.deleteFrom('audit_head').execute();
    await trx.deleteFrom('store_meta').execute();
    let count = 0;
    for (const table of STORE_TABLES) {
      const rows = content.tables[table] ?? [];
      count += rows.length;
      if (rows.length === 0) continue;
      await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
        trx,
      );
    }
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'restore', 'store', 'all')]);
    return ok({ rows: count });
  });
}

function backupKey(keyring: Keyring, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', keyring.backup, salt, 'safepassage/v1/backup-file', 32));
}

function sealBackup(keyring: Keyring, body: Buffer): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', backupKey(keyring, salt), nonce);
  cipher.setAAD(MAGIC);
  return Buffer.concat([MAGIC, salt, nonce, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
}

/** The backup's content, or undefined when it cannot be authenticated under this keyring. */
export function openBackup(keyring: Keyring, file: Buffer): Buffer | undefined {
  const headerBytes = MAGIC.length + SALT_BYTES + NONCE_BYTES;
  if (file.length < headerBytes + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const salt = file.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const nonce = file.subarray(MAGIC.length + SALT_BYTES, headerBytes);
  try {
    const decipher = createDecipheriv('aes-256-gcm', backupKey(keyring, salt), nonce);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
    return Buffer.concat([decipher.update(file.subarray(headerBytes, file.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

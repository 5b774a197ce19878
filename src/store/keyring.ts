// The master key and the keys derived from it; the master key lives in a key file or a passphrase, never in the database.
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { argon2id } from 'hash-wasm';
import { err, ok, type Result } from '../core/result.ts';

/** Argon2id cost. Production follows OWASP's first recommendation (64 MiB, 3 passes); tests pass a tiny one. */
export interface Argon2Params {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** 64 MiB, 3 passes, 1 lane: about a quarter second on a laptop, per guess. */
export const ARGON2_PRODUCTION: Argon2Params = Object.freeze({ memoryKiB: 65536, iterations: 3, parallelism: 1 });

/**
 * Keys for one store. `wrap` wraps per-record data keys; `index` keys the blind indexes; `audit` keys the
 * audit chain; `backup` seeds backup keys. They are independent (HKDF with distinct labels), so the blind
 * index key leaking does not expose the wrap key.
 */
export interface Keyring {
  readonly source: KeySource;
  readonly wrap: Buffer;
  readonly index: Buffer;
  readonly audit: Buffer;
  readonly backup: Buffer;
}

/** Where the master key comes from; wipe destroys this file (the key itself, or the passphrase's salt). */
export type KeySource =
  | { readonly kind: 'key-file'; readonly path: string }
  | { readonly kind: 'passphrase'; readonly saltFile: string };

export type KeyringError =
  | { readonly kind: 'key-file-missing'; readonly path: string }
  | { readonly kind: 'key-file-exists'; readonly path: string }
  | { readonly kind: 'key-file-invalid'; readonly path: string; readonly reason: string };

const KEY_FILE_HEADER = 'safepassage-key/1';
const SALT_FILE_HEADER = 'safepassage-passphrase-salt/1';
const MASTER_KEY_BYTES = 32;

/** The key file that goes with a data folder when none is named: beside it, not inside it. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.key`;
}

/**
 * Creates a new random master key in `path` (mode 0600). Refuses to overwrite an existing key file,
 * because that would make every record sealed under the old key unreadable.
 * @example const keyring = await createKeyFile('.safepassage-data.key');
 */
export async function createKeyFile(path: string): Promise<Result<Keyring, KeyringError>> {
  if (existsSync(path)) return err({ kind: 'key-file-exists', path });
  const master = randomBytes(MASTER_KEY_BYTES);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${KEY_FILE_HEADER}\n${master.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return ok(deriveKeyring(master, { kind: 'key-file', path }));
}

/** Reads the master key from `path`. */
export async function openKeyFile(path: string): Promise<Result<Keyring, KeyringError>> {
  if (!existsSync(path)) return err({ kind: 'key-file-missing', path });
  const [header, body] = (await readFile(path, 'utf8')).split('\n');
  if (header !== KEY_FILE_HEADER || body === undefined)
    return err({ kind: 'key-file-invalid', path, reason: `does not start with ${KEY_FILE_HEADER}` });
  const master = Buffer.from(body, 'base64');
  if (master.length !== MASTER_KEY_BYTES)
    return err({ kind: 'key-file-invalid', path, reason: `the key is not ${MASTER_KEY_BYTES} bytes` });
  return ok(deriveKeyring(master, { kind: 'key-file', path }));
}

/** Opens the key file, or creates one when there is none yet (first start). */
export async function openOrCreateKeyFile(path: string): Promise<Result<Keyring, KeyringError>> {
  return existsSync(path) ? openKeyFile(path) : createKeyFile(path);
}

/**
 * Derives the master key from a passphrase with Argon2id. The random salt (and the cost) are kept in
 * `saltFile`, created on first use; wiping that file makes the passphrase alone worthless.
 */
export async function keyringFromPassphrase(
  passphrase: string,
  saltFile: string,
  params: Argon2Params = ARGON2_PRODUCTION,
): Promise<Result<Keyring, KeyringError>> {
  let salt: Buffer;
  let cost = params;
  if (existsSync(saltFile)) {
    const [header, saltText, costText] = (await readFile(saltFile, 'utf8')).split('\n');
    const numbers = (costText ?? '').split(',').map(Number);
    if (header !== SALT_FILE_HEADER || saltText === undefined || numbers.length !== 3 || numbers.some((n) => !(n > 0)))
      return err({ kind: 'key-file-invalid', path: saltFile, reason: `does not start with ${SALT_FILE_HEADER}` });
    salt = Buffer.from(saltText, 'base64');
    cost = { memoryKiB: numbers[0]!, iterations: numbers[1]!, parallelism: numbers[2]! };
  } else {
    salt = randomBytes(16);
    const costLine = `${params.memoryKiB},${params.iterations},${params.parallelism}`;
    await writeFile(saltFile, `${SALT_FILE_HEADER}\n${salt.toString('base64')}\n${costLine}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  const master = await argon2id({
    password: passphrase.normalize('NFC'),
    salt,
    memorySize: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    hashLength: MASTER_KEY_BYTES,
    outputType: 'binary',
  });
  return ok(deriveKeyring(Buffer.from(master), { kind: 'passphrase', saltFile }));
}

function deriveKeyring(master: Buffer, source: KeySource): Keyring {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), label, 32));
  const keyring = {
    source,
    wrap: derive('safepassage/v1/wrap-data-keys'),
    index: derive('safepassage/v1/blind-index'),
    audit: derive('safepassage/v1/audit-chain'),
    backup: derive('safepassage/v1/backup'),
  };
  master.fill(0);
  return keyring;
}

/** The file that holds the key material of `keyring`. */
export function keyMaterialFile(keyring: Keyring): string {
  return keyring.source.kind === 'key-file' ? keyring.source.path : keyring.source.saltFile;
}

/**
 * Destroys the keyring: the key (or salt) file is overwritten with random bytes, flushed, and unlinked;
 * the derived keys in memory are zeroed. On flash storage the old blocks may survive the overwrite (see
 * docs/security.md), which is why the passphrase mode is the one to use on a laptop that may be seized.
 */
export async function destroyKeyring(keyring: Keyring): Promise<void> {
  await destroyKeyFile(keyMaterialFile(keyring));
  for (const key of [keyring.wrap, keyring.index, keyring.audit, keyring.backup]) key.fill(0);
}

/** Overwrites `path` with random bytes, flushes and unlinks it; false when there was no such file. */
export async function destroyKeyFile(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  const { size } = await stat(path);
  const length = Math.max(size, 64);
  const handle = await open(path, 'r+');
  try {
    await handle.write(randomBytes(length), 0, length, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(path);
  return true;
}

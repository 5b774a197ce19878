// The secrets behind pickup codes: a cryptographic byte source and HMAC-SHA-256 keyed with the operation's key.
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RandomByte, TextHash } from '../../core/operation/index.ts';

/** Random bytes from node:crypto, drawn in blocks (a code takes a few dozen). */
export function cryptoRandomByte(): RandomByte {
  let block = randomBytes(256);
  let next = 0;
  return () => {
    if (next === block.length) {
      block = randomBytes(256);
      next = 0;
    }
    return block[next++]!;
  };
}

/** HMAC-SHA-256 (hex) with the key: without the key, a stolen codes.json cannot be checked against guesses. */
export function hmacHash(key: Uint8Array): TextHash {
  return (text) => createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Reads a key file (any bytes; at least 32 are required). */
export async function readKeyFile(path: string): Promise<{ key: Uint8Array } | { error: string }> {
  const key = await readFile(path).catch(() => undefined);
  if (!key) return { error: `${path}: cannot read the key file` };
  if (key.length < 32) return { error: `${path}: the key must be at least 32 bytes` };
  return { key };
}

/** A new random key (32 bytes). */
export function newKey(): Uint8Array {
  return randomBytes(32);
}

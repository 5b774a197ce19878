// Password hashing with Argon2id (hash-wasm), and the one-time passwords handed to new accounts.
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { Argon2Params } from '../keyring.ts';

/** An Argon2id PHC string (algorithm, cost, salt and hash in one). */
export async function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return argon2id({
    password: password.normalize('NFC'),
    salt: randomBytes(16),
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password: password.normalize('NFC'), hash });
  } catch {
    return false;
  }
}

/** 20 characters from an alphabet without look-alikes (about 100 bits): read aloud or typed from paper. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

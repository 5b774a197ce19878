// Envelope encryption of sensitive fields: a data key per record, wrapped by the keyring; AES-256-GCM bound to record and field.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../core/result.ts';
import type { Keyring } from './keyring.ts';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value failed authentication: wrong key, or the ciphertext was edited or moved to another row or field. */
export interface UnsealError {
  readonly kind: 'unseal-failed';
  readonly recordId: string;
  readonly field: string;
}

/** A fresh random 256-bit data key for one record. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** Wraps a record's data key under the keyring (associated data: the record id, so keys cannot be swapped). */
export function wrapDataKey(keyring: Keyring, recordId: string, dataKey: Buffer): string {
  return seal(keyring.wrap, `data-key|${recordId}`, dataKey);
}

/** Unwraps a record's data key. */
export function unwrapDataKey(keyring: Keyring, recordId: string, wrapped: string): Result<Buffer, UnsealError> {
  const key = open(keyring.wrap, `data-key|${recordId}`, wrapped);
  return key === undefined ? err({ kind: 'unseal-failed', recordId, field: 'data-key' }) : ok(key);
}

/**
 * Seals every defined value of `fields` (as JSON, so lists and points survive) under the data key.
 * @example sealFields(key, 'rec-1', { given_name: 'Omar' }) // { given_name: 'v1.…' }
 */
export function sealFields(dataKey: Buffer, recordId: string, fields: Record<string, unknown>): Record<string, string> {
  const sealed: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    sealed[field] = seal(dataKey, `field|${recordId}|${field}`, Buffer.from(JSON.stringify(value), 'utf8'));
  }
  return sealed;
}

/** Opens the sealed fields named in `only` (all when omitted): a caller never decrypts what it may not see. */
export function openFields(
  dataKey: Buffer,
  recordId: string,
  sealed: Readonly<Record<string, string>>,
  only?: ReadonlySet<string>,
): Result<Record<string, unknown>, UnsealError> {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(sealed)) {
    if (only !== undefined && !only.has(field)) continue;
    const plain = open(dataKey, `field|${recordId}|${field}`, value);
    if (plain === undefined) return err({ kind: 'unseal-failed', recordId, field });
    fields[field] = JSON.parse(plain.toString('utf8'));
  }
  return ok(fields);
}

function seal(key: Buffer, associatedData: string, plaintext: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${nonce.toString('base64')}.${body.toString('base64')}`;
}

function open(key: Buffer, associatedData: string, sealed: string): Buffer | undefined {
  const [version, nonceText, bodyText] = sealed.split('.');
  if (version !== VERSION || nonceText === undefined || bodyText === undefined) return undefined;
  const nonce = Buffer.from(nonceText, 'base64');
  const body = Buffer.from(bodyText, 'base64');
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

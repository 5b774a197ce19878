// Keyed blind indexes: HMACs of a person's name keys and phone, so exact and fuzzy look-ups never put plaintext in SQL.
import { createHmac } from 'node:crypto';
import { blockingKeys } from '../core/matching/blocking.ts';
import { personNameKey } from '../core/matching/name-key.ts';
import type { PersonRecord } from '../core/matching/person-record.ts';
import type { Keyring } from './keyring.ts';

/** The name and phone fields the indexes are computed from (scenario column names). */
export interface IndexedPersonFields {
  readonly given_name: string;
  readonly father_name?: string | undefined;
  readonly family_name: string;
  readonly name_arabic?: string | undefined;
  readonly phone_e164?: string | undefined;
}

/** 64 bits: collisions are rare enough for blocking (candidates are decrypted and scored afterwards). */
const DIGEST_BYTES = 8;

/**
 * The plaintext look-up keys of a person: the exact name key (`x:` given and family; lists often lack the father's name), and the de-duplication blocking keys
 * of src/core/matching (`n:` name-part pairs, `g:`/`f:` prefixes, `t:` phone), so the store finds the same
 * candidate pairs as the matcher. The one place to change what is indexed.
 * @example blindIndexKeysOf({ given_name: 'Mohammed', family_name: 'Al-Hariri' }) // ['x:muhammad|hrr', 'n:hrr|muhammad', …]
 */
export function blindIndexKeysOf(person: IndexedPersonFields): string[] {
  const record: PersonRecord = {
    id: '',
    householdId: '',
    givenName: person.given_name,
    fatherName: person.father_name ?? '',
    familyName: person.family_name,
    ...(person.name_arabic === undefined ? {} : { nameArabic: person.name_arabic }),
    ...(person.phone_e164 === undefined ? {} : { phoneE164: person.phone_e164 }),
    sex: 'X',
    role: 'family',
    flags: [],
    medicalNeeds: [],
    sourceList: '',
  };
  const name = personNameKey(record);
  // blockingKeys reads only the name key and the record; the weights matter to scoring, not to blocking.
  const keys = blockingKeys({ record, name, givenWeight: 0, fatherWeight: 0, familyWeight: 0 });
  const words = (part: readonly { key: string }[]) => part.map((t) => t.key).join(' ');
  if (name.given.length > 0 || name.family.length > 0) keys.unshift(`x:${words(name.given)}|${words(name.family)}`);
  // One key per name word, so a search by a family name alone ("Darwish", "درويش") finds the family. It tells a
  // reader of the index which rows share a word (not the word): the cost is stated in docs/security.md.
  for (const token of [...name.given, ...name.family, ...name.arabic]) keys.push(`w:${token.key}`);
  return [...new Set(keys)];
}

/** The keyed digest of one look-up key (HMAC-SHA-256 under the keyring's index key, truncated). */
export function blindDigest(keyring: Keyring, key: string): string {
  return createHmac('sha256', keyring.index).update(key, 'utf8').digest().subarray(0, DIGEST_BYTES).toString('hex');
}

/** Kind of a look-up key: the prefix before ':' (x exact name, n name pair, g/f prefix, t phone, w one name word). */
export function blindIndexKind(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

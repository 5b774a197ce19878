// Pickup codes: one per household ("olive 47"), drawn from the shipped word list, stored only as a salted hash.
import { err, ok, type Result } from '../result.ts';
import { CODE_WORDS, type CodeWord } from './code-words.ts';
import { parseInstant } from './local-time.ts';

/** A byte in 0..255 from a cryptographic source the caller owns (the core never draws randomness itself). */
export type RandomByte = () => number;
/** A keyed hash of a text (the io layer passes HMAC-SHA-256 with the operation's key). */
export type TextHash = (text: string) => string;

/** The secret code of one household: told to it once, never written to disk. */
export interface PickupCode {
  readonly householdId: string;
  readonly wordIndex: number;
  /** 10..99: the number spoken after the word. */
  readonly number: number;
}

/** What is kept to check a code at the assembly point: a salted hash and when it may be used. */
export interface StoredCode {
  readonly household_id: string;
  readonly salt: string;
  readonly hash: string;
  readonly valid_from: string;
  readonly valid_until: string;
}

export type CodeError =
  | { readonly kind: 'too-few-codes'; readonly households: number; readonly available: number }
  | { readonly kind: 'unknown-word'; readonly spoken: string }
  | { readonly kind: 'wrong-code'; readonly household_id: string }
  | { readonly kind: 'not-yet-valid'; readonly valid_from: string }
  | { readonly kind: 'expired'; readonly valid_until: string }
  | { readonly kind: 'already-used'; readonly used_at: string };

const NUMBERS = 90;

/**
 * Draws a different code for every household; while there are enough words, different words too (two households
 * with "olive 12" and "olive 47" is a mix-up waiting to happen).
 * @example issueCodes(['HH-1', 'HH-2'], () => crypto.randomBytes(1)[0]!)
 */
export function issueCodes(
  householdIds: readonly string[],
  randomByte: RandomByte,
  words: readonly CodeWord[] = CODE_WORDS,
): Result<PickupCode[], Extract<CodeError, { kind: 'too-few-codes' }>> {
  const available = words.length * NUMBERS;
  if (householdIds.length > available) {
    return err({ kind: 'too-few-codes', households: householdIds.length, available });
  }
  const takenCodes = new Set<number>();
  const takenWords = new Set<number>();
  const codes: PickupCode[] = [];
  for (const householdId of householdIds) {
    for (;;) {
      const draw = uniformBelow(available, randomByte);
      const wordIndex = Math.floor(draw / NUMBERS);
      if (takenCodes.has(draw)) continue;
      if (takenWords.has(wordIndex) && takenWords.size < words.length) continue;
      takenCodes.add(draw);
      takenWords.add(wordIndex);
      codes.push({ householdId, wordIndex, number: 10 + (draw % NUMBERS) });
      break;
    }
  }
  return ok(codes);
}

/** The code as the household says it in its language: "olive 47" / "زيتون 47". */
export function codeText(code: PickupCode, lang: 'en' | 'ar', words: readonly CodeWord[] = CODE_WORDS): string {
  const word = words[code.wordIndex];
  if (!word) throw new Error(`code word ${code.wordIndex} is not in the list`);
  return `${word[lang]} ${code.number}`;
}

/** Hashes a code with a fresh salt; the window says when it can be used. */
export function storeCode(
  code: PickupCode,
  window: { readonly validFrom: string; readonly validUntil: string },
  randomByte: RandomByte,
  hash: TextHash,
): StoredCode {
  const salt = Array.from({ length: 8 }, () => (randomByte() & 255).toString(16).padStart(2, '0')).join('');
  return {
    household_id: code.householdId,
    salt,
    hash: hash(`${salt}:${canonical(code.wordIndex, code.number)}`),
    valid_from: window.validFrom,
    valid_until: window.validUntil,
  };
}

/**
 * Checks a spoken code (either language, Western or Arabic-Indic digits) against a household's stored code at `at`.
 * Single use: `usedAt` is when it was last accepted (from the check-in events), if ever.
 */
export function checkCode(
  stored: StoredCode,
  spoken: string,
  at: string,
  hash: TextHash,
  usedAt?: string,
  words: readonly CodeWord[] = CODE_WORDS,
): Result<string, CodeError> {
  const parsed = parseSpoken(spoken, words);
  if (!parsed) return err({ kind: 'unknown-word', spoken });
  if (hash(`${stored.salt}:${canonical(parsed.wordIndex, parsed.number)}`) !== stored.hash) {
    return err({ kind: 'wrong-code', household_id: stored.household_id });
  }
  if (usedAt !== undefined) return err({ kind: 'already-used', used_at: usedAt });
  const now = parseInstant(at)?.epochMs ?? Number.NaN;
  if (!(now >= (parseInstant(stored.valid_from)?.epochMs ?? Number.POSITIVE_INFINITY))) {
    return err({ kind: 'not-yet-valid', valid_from: stored.valid_from });
  }
  if (!(now <= (parseInstant(stored.valid_until)?.epochMs ?? Number.NEGATIVE_INFINITY))) {
    return err({ kind: 'expired', valid_until: stored.valid_until });
  }
  return ok(stored.household_id);
}

function canonical(wordIndex: number, number: number): string {
  return `${wordIndex}/${number}`;
}

function parseSpoken(
  spoken: string,
  words: readonly CodeWord[],
): { readonly wordIndex: number; readonly number: number } | undefined {
  const text = spoken
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  const m = /^(.*\S)\s*(\d{2})$/.exec(text);
  if (!m) return undefined;
  const word = m[1]!;
  const wordIndex = words.findIndex((w) => w.en === word || w.ar === word);
  return wordIndex < 0 ? undefined : { wordIndex, number: Number(m[2]) };
}

/** An unbiased integer in [0, n) from random bytes (rejection sampling on 32 bits). */
function uniformBelow(n: number, randomByte: RandomByte): number {
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    let x = 0;
    for (let i = 0; i < 4; i++) x = x * 256 + (randomByte() & 255);
    if (x < limit) return x % n;
  }
}

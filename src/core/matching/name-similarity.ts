// How alike two name words, or two name fields, are: Jaro-Winkler on skeletons, refined by vowels and known names.

import { jaroWinkler } from './jaro-winkler.ts';
import type { NameToken } from './name-key.ts';

/** Weight of the vowel-keeping form against the skeleton when both words are Latin. */
const VOWEL_WEIGHT = 0.35;
/** A match found only after dropping an attached article ("alhariri" / "hariri") counts slightly less. */
const BARE_DISCOUNT = 0.97;
/** A close variant in the scorer's bands (config.closeNameSimilarity): the most two different Arabic spellings get. */
const CLOSE_VARIANT_SIMILARITY = 0.9;

/**
 * Similarity of two name words in [0, 1]. Two different names from the common-names table score 0
 * (Muhammad is not Mahmoud, however close the skeletons).
 * @example tokenSimilarity(latinTokens('Hocine')[0], latinTokens('Hussein')[0]) // 1
 */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.common !== undefined && b.common !== undefined) return a.common === b.common ? 1 : 0;
  if (a.arabicLetters !== '' && b.arabicLetters !== '') return arabicWordSimilarity(a, b);
  // Abd al-Hadi and Abdullah share "abd", which says nothing: brothers are often both Abd-something.
  if (a.skeleton.length > 3 && b.skeleton.length > 3 && a.skeleton.startsWith('abd') && b.skeleton.startsWith('abd')) {
    return a.skeleton === b.skeleton ? 1 : jaroWinkler(a.skeleton.slice(3), b.skeleton.slice(3));
  }
  if (a.common !== undefined && a.common === b.common) return 1;
  let skeleton = a.skeleton === b.skeleton ? 1 : jaroWinkler(a.skeleton, b.skeleton);
  if (skeleton < 1 && (a.bare !== '' || b.bare !== '')) {
    const bareA = a.bare === '' ? a.skeleton : a.bare;
    const bareB = b.bare === '' ? b.skeleton : b.bare;
    skeleton = Math.max(skeleton, BARE_DISCOUNT * jaroWinkler(bareA, bareB));
  }
  if (a.vowelForm === '' || b.vowelForm === '') return skeleton;
  const similarity = (1 - VOWEL_WEIGHT) * skeleton + VOWEL_WEIGHT * jaroWinkler(a.vowelForm, b.vowelForm);
  if (similarity < CLOSE_VARIANT_SIMILARITY && isDroppedOrSwappedLetter(a.latinLetters, b.latinLetters)) {
    return CLOSE_VARIANT_SIMILARITY;
  }
  return similarity;
}

/** Shortest word in which a dropped or swapped letter is read as a slip rather than another name. */
const SLIP_MIN_LENGTH = 5;

/**
 * Whether one written word is the other with one letter left out or two neighbours swapped ("Samiha"/"Saiha",
 * "Sicily"/"Siily"): a keying slip that can break the consonant skeleton. A replaced letter is not counted:
 * it is also how different names differ (Khaled/Walid, Jamal/Kamal). Allocation-free (inside the pair loop).
 */
function isDroppedOrSwappedLetter(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < SLIP_MIN_LENGTH - 1 || long.length < SLIP_MIN_LENGTH) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  if (long.length === short.length + 1) return sameTail(short, i, long, i + 1);
  return (
    long.length === short.length &&
    i + 1 < short.length &&
    short.charCodeAt(i) === long.charCodeAt(i + 1) &&
    short.charCodeAt(i + 1) === long.charCodeAt(i) &&
    sameTail(short, i + 2, long, i + 2)
  );
}

/** `x` from `xi` on equals `y` from `yi` on, without building substrings. */
function sameTail(x: string, xi: number, y: string, yi: number): boolean {
  if (x.length - xi !== y.length - yi) return false;
  for (; xi < x.length; xi++, yi++) if (x.charCodeAt(xi) !== y.charCodeAt(yi)) return false;
  return true;
}

/**
 * Two words both in Arabic script: the same letters are the same name; the same consonants with other long
 * vowels (حميدة / حمادة, Hamida / Hamada) are a close variant at most, since Arabic spells the long vowels
 * the Latin skeleton drops; otherwise the skeletons decide.
 */
function arabicWordSimilarity(a: NameToken, b: NameToken): number {
  if (a.arabicLetters === b.arabicLetters) return 1;
  if (a.skeleton.length > 3 && b.skeleton.length > 3 && a.skeleton.startsWith('abd') && b.skeleton.startsWith('abd')) {
    return Math.min(CLOSE_VARIANT_SIMILARITY, jaroWinkler(a.skeleton.slice(3), b.skeleton.slice(3)));
  }
  return Math.min(CLOSE_VARIANT_SIMILARITY, a.skeleton === b.skeleton ? 1 : jaroWinkler(a.skeleton, b.skeleton));
}

/**
 * Similarity of two name fields (lists of words), independent of word order: each word of the shorter field
 * takes its best partner in the other; a field with extra words loses a little. `undefined` when either is empty.
 */
export function fieldSimilarity(a: readonly NameToken[], b: readonly NameToken[]): number | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  for (const x of short) {
    let best = 0;
    for (const y of long) {
      const s = tokenSimilarity(x, y);
      if (s > best) best = s;
    }
    total += best;
  }
  const mean = total / short.length;
  return short.length === long.length ? mean : mean * 0.95;
}

/**
 * Similarity of one name part across every script both records have: Latin with Latin, and through the
 * bridge Arabic with Latin and Arabic with Arabic; the best reading wins. When both records carry the part
 * in Arabic script, that reading alone decides: it is the spelling the person would write, so it settles a
 * transliteration quarrel both ways (Hamida and Hamada share a Latin skeleton, not their Arabic letters).
 * `undefined` when no pairing exists.
 */
export function partSimilarity(
  latinA: readonly NameToken[],
  arabicA: readonly NameToken[],
  latinB: readonly NameToken[],
  arabicB: readonly NameToken[],
): number | undefined {
  if (arabicA.length > 0 && arabicB.length > 0) return fieldSimilarity(arabicA, arabicB);
  let best = fieldSimilarity(latinA, latinB);
  for (const [x, y] of [
    [arabicA, latinB],
    [latinA, arabicB],
    [arabicA, arabicB],
  ] as const) {
    const s = fieldSimilarity(x, y);
    if (s !== undefined && (best === undefined || s > best)) best = s;
  }
  return best;
}

// A record's name as comparable tokens: given, father and family words from Latin, or from Arabic script via the bridge.

import { arabicNameWords, arabicSkeleton } from './arabic-name.ts';
import { commonNameOfArabic, commonNameOfLatin } from './common-given-names.ts';
import { latinNameWords, latinSkeleton, latinVowelForm } from './latin-name.ts';
import type { PersonRecord } from './person-record.ts';

/** One name word, in every form the scorer compares. */
export interface NameToken {
  /** Consonant skeleton (shared Latin/Arabic alphabet). */
  readonly skeleton: string;
  /** The skeleton without a leading attached article ("alhrr" → "hrr"), or '' when there is none. */
  readonly bare: string;
  /** Vowel-keeping Latin form; '' for a word that came from Arabic script. */
  readonly vowelForm: string;
  /** The normalised Arabic letters, long vowels kept; '' for a word that came from Latin script. */
  readonly arabicLetters: string;
  /** The cleaned Latin word as written (lower case, no diacritics); '' for a word that came from Arabic script. */
  readonly latinLetters: string;
  /** Canonical name from the common-names table, when the word is one. */
  readonly common: string | undefined;
  /** What blocking uses: the skeleton (Muhammad and Mahmoud share a block; the scorer tells them apart). */
  readonly key: string;
}

/** The name parts of one record, ready for blocking and scoring. */
export interface PersonNameKey {
  readonly given: readonly NameToken[];
  readonly father: readonly NameToken[];
  readonly family: readonly NameToken[];
  /** Words of `nameArabic` (all parts, in order), empty when the record has none. */
  readonly arabic: readonly NameToken[];
  /** The Arabic name read as parts (first word given, last family, second father when three or more). */
  readonly arabicGiven: readonly NameToken[];
  readonly arabicFather: readonly NameToken[];
  readonly arabicFamily: readonly NameToken[];
}

function tokenFrom(
  wordSkeleton: string,
  vowelForm: string,
  common: string | undefined,
  arabicLetters = '',
  latinLetters = '',
): NameToken {
  // A common name takes its canonical skeleton (Mehmet → "mhmd"), so it blocks with spellings the table lacks.
  const skeleton = common === undefined ? wordSkeleton : latinSkeleton(common);
  const bare = /^al.{2,}/.test(skeleton) ? skeleton.slice(2) : '';
  return { skeleton, bare, vowelForm, arabicLetters, latinLetters, common, key: skeleton };
}

/** Tokens of a Latin name field (`attachedArticle` for family names: "Alhariri" is al-Hariri). @example latinTokens('Mohammed el-Hariri').map((t) => t.key) // ['mhmd', 'hrr'] */
export function latinTokens(text: string, attachedArticle = false): NameToken[] {
  return latinNameWords(text, attachedArticle)
    .map((w) => tokenFrom(latinSkeleton(w), latinVowelForm(w), commonNameOfLatin(w), '', w))
    .filter((t) => t.skeleton.length > 0);
}

/** Tokens of an Arabic-script name. @example arabicTokens('محمد الحريري').map((t) => t.key) // ['mhmd', 'hrr'] */
export function arabicTokens(text: string): NameToken[] {
  return arabicNameWords(text)
    .map((w) => tokenFrom(arabicSkeleton(w), '', commonNameOfArabic(w), w))
    .filter((t) => t.skeleton.length > 0);
}

/**
 * Builds the name key of a record. When the Latin given and family names are both empty, the parts come
 * from the Arabic name (first word given, last word family, second word father when there are three or more).
 */
export function personNameKey(record: PersonRecord): PersonNameKey {
  const arabic = record.nameArabic === undefined ? [] : arabicTokens(record.nameArabic);
  const arabicGiven = arabic.length > 0 ? [arabic[0]!] : [];
  const arabicFather = arabic.length >= 3 ? [arabic[1]!] : [];
  const arabicFamily = arabic.length >= 2 ? [arabic[arabic.length - 1]!] : [];
  const arabicParts = { arabic, arabicGiven, arabicFather, arabicFamily };
  // Glued articles go in every field: a swapped list puts "AlZahawi" in the given-name column.
  const given = latinTokens(record.givenName, true);
  const family = latinTokens(record.familyName, true);
  if (given.length === 0 && family.length === 0 && arabic.length > 0) {
    return { given: arabicGiven, father: arabicFather, family: arabicFamily, ...arabicParts };
  }
  return { given, father: latinTokens(record.fatherName, true), family, ...arabicParts };
}

// Real Arabic name spellings for the benchmark: Wikidata variant clusters, Google ar2en pairs, a given-name list.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One Arabic name with the Latin spellings seen for it and how often (the real frequencies). */
export interface NameEntry {
  readonly arabic: string;
  /** How common the name is (Wikidata occurrences; 1 for a name seen only in a dictionary). */
  readonly weight: number;
  readonly variants: readonly { readonly latin: string; readonly count: number }[];
  readonly female: boolean;
}

export interface NamePool {
  readonly given: readonly NameEntry[];
  readonly family: readonly NameEntry[];
  /** Tails of Abd compounds (الرحمن, القادر …): "Abd al-" + tail. */
  readonly abdTails: readonly NameEntry[];
}

/** Letters of Arabic phonology that Western names in Arabic script rarely use. */
const ARABIC_SPECIFIC = /[عحصضطظق]/;
/** Words in the variant clusters that are not person names (ordinals, titles, particles, a country). */
const NOT_A_NAME = new Set([
  'الأول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
  'النمسا',
  'الإمبراطور',
  'الأمير',
  'الشيخ',
  'عبد',
  'أبو',
  'الدين',
  'بن',
  'ابن',
  'الملك',
  'الكبير',
  'الصغير',
  'باشا',
  'بك',
]);
const ABD_TAILS = new Set([
  'الرحمن',
  'الله',
  'القادر',
  'اللطيف',
  'المنعم',
  'الفتاح',
  'العزيز',
  'الكريم',
  'الحميد',
  'الرزاق',
  'المجيد',
  'الحليم',
  'الغني',
  'السلام',
  'الناصر',
  'الهادي',
  'الوهاب',
  'الباسط',
  'الجليل',
  'الرحيم',
]);
/** Non-Arabic-looking names stay in the pool (the given-name list has them) but no more common than this. */
const WESTERN_WEIGHT_CAP = 20;

function stripMarks(arabic: string): string {
  return arabic.replace(/[\u200b-\u200f\u202a-\u202e]/g, '').trim();
}

function isLatinName(latin: string): boolean {
  return /^[\p{L}' ʿ`-]+$/u.test(latin) && latin.length >= 2;
}

/** Reads the three name files from `dir` (the names-arabic-latin folder); `minShare` filters rare cluster variants. */
export function loadNamePool(dir: string, minShare = 0.01): NamePool {
  const clusters = JSON.parse(
    gunzipSync(readFileSync(join(dir, 'wikidata_arabic_name_variant_clusters.json.gz'))).toString('utf8'),
  ) as {
    arabic: string;
    total: number;
    variants: { latin: string; count: number }[];
  }[];
  const givenList = readTsv(join(dir, 'arabic_given_names_ar_to_en.npm-arabic-name-to-en.tsv'));
  const ar2en = readTsv(join(dir, 'google_ar2en_wikipedia_names.tsv'));
  const givenArabic = new Set(givenList.map(([ar]) => ar));
  const byArabic = new Map<string, { weight: number; variants: Map<string, number> }>();
  const add = (arabic: string, latin: string, count: number, weight: number): void => {
    if (!isLatinName(latin)) return;
    const entry = byArabic.get(arabic) ?? { weight: 0, variants: new Map<string, number>() };
    entry.weight = Math.max(entry.weight, weight);
    entry.variants.set(latin, (entry.variants.get(latin) ?? 0) + count);
    byArabic.set(arabic, entry);
  };
  for (const c of clusters) {
    const arabic = stripMarks(c.arabic);
    if (NOT_A_NAME.has(arabic)) continue;
    const arabicLooking = ARABIC_SPECIFIC.test(arabic) || arabic.startsWith('ال') || ABD_TAILS.has(arabic);
    if (!arabicLooking && !givenArabic.has(arabic)) continue;
    // Count-1 variants are mostly alignment errors (SOURCE.md): keep count ≥ 2, and at least minShare of the
    // cluster (محمد → "morocco" has 4 of 1,303).
    const variants = c.variants.filter((v) => v.count >= 2 && v.count >= minShare * c.total);
    if (variants.length === 0) continue;
    const weight = arabicLooking ? c.total : Math.min(c.total, WESTERN_WEIGHT_CAP);
    for (const v of variants) add(arabic, v.latin, v.count, weight);
  }
  for (const [arabic, latin] of givenList) {
    if (!NOT_A_NAME.has(arabic) && latin !== undefined) add(arabic, latin, 1, 1);
  }
  for (const [rawArabic, latin] of ar2en) {
    const arabic = stripMarks(rawArabic);
    if (latin === undefined || arabic.includes(' ') || NOT_A_NAME.has(arabic)) continue;
    // ar2en enriches known names; its ال-words also widen the family names. Abd-tails carry "abdul…" spellings.
    if (byArabic.has(arabic)) add(arabic, latin, 1, 1);
    else if (arabic.startsWith('ال') && !/^ab[du]/.test(latin) && !ABD_TAILS.has(arabic)) add(arabic, latin, 1, 1);
  }
  const entries: NameEntry[] = [...byArabic.entries()]
    .map(([arabic, e]) => ({
      arabic,
      weight: e.weight,
      // The article is the field team's habit (al-, el-, none), so ال-words keep their Latin without it.
      variants: [...e.variants.entries()].map(([latin, count]) => ({
        latin: arabic.startsWith('ال') ? latin.replace(/^(al|el)[- ]?(?=.{3})/i, '') : latin,
        count,
      })),
      // ة marks most women's names (Fatima, Khadija); ى does not (Mustafa, Musa, Isa).
      female: /ة$/.test(arabic),
    }))
    .sort((a, b) => (a.arabic < b.arabic ? -1 : 1));
  const abdTails = entries.filter((e) => ABD_TAILS.has(e.arabic));
  const family = entries.filter(
    (e) =>
      e.arabic.length > 3 &&
      !ABD_TAILS.has(e.arabic) &&
      (e.arabic.startsWith('ال') || (e.arabic.endsWith('ي') && ARABIC_SPECIFIC.test(e.arabic))),
  );
  const given = entries.filter((e) => !ABD_TAILS.has(e.arabic) && !e.arabic.startsWith('ال'));
  return { given, family, abdTails };
}

function readTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

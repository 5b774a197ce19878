// Real Arabic names and the Latin spellings seen for them (Wikidata token pairs, CC0), with their frequencies.

import type { Random } from './random.ts';
import type { SharedData } from './shared-data.ts';

export interface Spelling {
  latin: string;
  count: number;
}

export interface Name {
  /** The Arabic form as it appears in the data (never composed here). */
  arabic: string;
  /** Latin spellings, most frequent first; at least one. */
  spellings: Spelling[];
  /** Spelling from the arabic-name-to-en dictionary, the output of a transliteration tool; may be absent. */
  toolSpelling: string | undefined;
  /** True when the Arabic form carries the article al- (ال), so Latin lists write Al-/El-/nothing. */
  article: boolean;
  weight: number;
}

export interface NamePools {
  male: Name[];
  female: Name[];
  family: Name[];
}

// Common given names in southern Syria; each kept only if the data holds at least one Latin spelling seen twice.
const MALE =
  'محمد أحمد خالد عمر علي حسن حسين يوسف إبراهيم محمود مصطفى رامي فادي ماهر بلال أنس حمزة طارق زياد عماد رائد سليمان ياسر عادل فراس غسان هاني وائل جمال كمال سعيد منير نبيل قاسم صالح عيسى موسى سامي ماجد نادر رياض منصور إسماعيل هيثم أيمن باسل عدنان فيصل أسامة معاذ عمار مهند قصي';
const FEMALE =
  'فاطمة مريم عائشة زينب خديجة نور هبة سارة ليلى سلمى آمنة إيمان هدى سعاد منى ريم لينا ياسمين رشا حنان سمر وفاء رانيا دينا أسماء هالة نادية سناء سهام غادة نسرين عبير بشرى آية';
/** Family names: the display form first, then other Arabic forms of the same name whose Latin spellings also count. */
const FAMILY: string[][] = [
  ['الحريري'],
  ['الزعبي', 'زعبي'],
  ['المقداد', 'مقداد'],
  ['الرفاعي', 'رفاعي'],
  ['الخطيب'],
  ['المصري'],
  ['العمري', 'عمري'],
  ['حوراني'],
  ['محاميد'],
  ['عودة'],
  ['حداد'],
  ['درويش'],
  ['حمدان'],
  ['النجار', 'نجار'],
  ['حجازي'],
  ['السعدي', 'سعدي'],
  ['الكردي'],
  ['قاسم'],
  ['الخالدي', 'خالدي'],
  ['البكري', 'بكري'],
  ['حلبي'],
  ['الشامي', 'شامي'],
  ['جاسم'],
  ['الصالح', 'صالح'],
  ['سالم'],
  ['الزين', 'زين'],
  ['أسعد'],
  ['الغزاوي', 'غزاوي'],
  ['بيطار'],
  ['خليل'],
  ['عثمان'],
  ['الشمري'],
  ['التميمي'],
];

/** Renderings from other languages or alignment noise in the Wikidata pairs: not what a Syrian field team writes. */
const NOT_SYRIAN = new Set(
  'mehmet mehmed ahmet akhmet morocco moses solomon summer meunier jasmine jasmin iosif yosef yossef hatice ayse ayça ons enes xoubi egyptian mozes mouza zinn zane aura alireza sofu seyyed nigaar lamri amri uzun anvar'.split(
    ' ',
  ),
);

interface Cluster {
  arabic: string;
  variants: { latin: string; count: number }[];
}

export function loadNamePools(data: SharedData): NamePools {
  const clusters = new Map(
    (JSON.parse(data.gzipText('names-arabic-latin/wikidata_arabic_name_variant_clusters.json.gz')) as Cluster[]).map(
      (c) => [c.arabic, c.variants],
    ),
  );
  const tokens = new Map<string, Spelling[]>();
  for (const line of data
    .gzipText('names-arabic-latin/wikidata_person_name_tokens_en_ar.tsv.gz')
    .split('\n')
    .slice(1)) {
    const [latin, letters, count] = line.split('\t');
    if (!latin || !letters) continue;
    const arabic = letters.replaceAll(' ', '');
    const list = tokens.get(arabic) ?? [];
    list.push({ latin, count: Number(count) });
    tokens.set(arabic, list);
  }
  const tool = new Map(
    data
      .text('names-arabic-latin/arabic_given_names_ar_to_en.npm-arabic-name-to-en.tsv')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t') as [string, string]),
  );

  const usable = (latin: string): boolean => /^[a-z']{2,}$/.test(latin) && !NOT_SYRIAN.has(latin);
  const given = (list: string): Name[] =>
    list.split(' ').flatMap((arabic): Name[] => {
      const spellings = (clusters.get(arabic) ?? []).filter((v) => v.count >= 2 && usable(v.latin));
      if (spellings.length === 0) return [];
      return [
        {
          arabic,
          spellings,
          toolSpelling: tool.get(arabic),
          article: false,
          weight: spellings.reduce((sum, s) => sum + s.count, 0),
        },
      ];
    });

  const family = FAMILY.flatMap((forms): Name[] => {
    const arabic = forms[0]!;
    const article = arabic.startsWith('ال');
    const merged = new Map<string, number>();
    for (const form of forms) {
      for (const { latin, count } of tokens.get(form) ?? []) {
        // "alsaleh", "elmasri": the article is written by the list's own convention, so strip it here.
        const base = article && /^(al|el)[a-z]{3,}/.test(latin) ? latin.slice(2) : latin;
        if (usable(base)) merged.set(base, (merged.get(base) ?? 0) + count);
      }
    }
    const spellings = [...merged.entries()]
      .map(([latin, count]) => ({ latin, count }))
      .sort((a, b) => b.count - a.count || a.latin.localeCompare(b.latin));
    if (spellings.length === 0) return [];
    return [
      { arabic, spellings, toolSpelling: undefined, article, weight: spellings.reduce((s, x) => s + x.count, 0) },
    ];
  });

  return { male: given(MALE), female: given(FEMALE), family };
}

export function capitalise(latin: string): string {
  return latin.replace(/(^|[- ])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** How one field team writes names: which spelling it tends to choose and how it writes the article. */
export interface SpellingStyle {
  /** 0 = always the most frequent spelling, 1 = spellings drawn in proportion to their frequency. */
  variety: number;
  articles: readonly string[];
  /** Chance of using the transliteration tool's spelling for given names, where it has one. */
  toolChance: number;
  upperCaseFamily: boolean;
}

export function spellGiven(name: Name, style: SpellingStyle, random: Random): string {
  if (name.toolSpelling && random.chance(style.toolChance)) return name.toolSpelling;
  const spelling = random.chance(style.variety) ? random.weighted(name.spellings, (s) => s.count) : name.spellings[0]!;
  return capitalise(spelling.latin);
}

export function spellFamily(name: Name, style: SpellingStyle, random: Random): string {
  const spelling = random.chance(style.variety) ? random.weighted(name.spellings, (s) => s.count) : name.spellings[0]!;
  const base = capitalise(spelling.latin);
  const written = name.article ? `${random.pick(style.articles)}${base}` : base;
  return style.upperCaseFamily ? written.toUpperCase() : written;
}

/** A spelling of the same name that differs from `previous` if the data offers one (for planted duplicates). */
export function respell(name: Name, previous: string, family: boolean, random: Random): string {
  const strip = (s: string): string => s.toLowerCase().replace(/^(al-|al |el-|el |al|el)/, '');
  const others = name.spellings.filter((s) => s.latin !== strip(previous));
  const base = capitalise((others.length > 0 ? random.weighted(others, (s) => s.count) : name.spellings[0]!).latin);
  if (!family || !name.article) return base;
  const articles = ['Al-', 'al-', 'El-', 'el ', 'Al ', ''].filter((a) => !previous.startsWith(a) || a === '');
  return `${random.pick(articles)}${base}`;
}

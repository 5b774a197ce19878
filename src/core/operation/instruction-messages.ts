// The sentences of an evacuee's instruction, in English and Arabic: short, plain, and nothing a checkpoint could use.

export type InstructionLanguage = 'en' | 'ar';
export const INSTRUCTION_LANGUAGES: readonly InstructionLanguage[] = ['en', 'ar'];

type Localised<T> = { readonly [L in InstructionLanguage]: T };

/** Every sentence of an instruction; each language says the same thing. */
export const INSTRUCTION_MESSAGES = {
  beAt: {
    en: (place: string, day: string, from: string, to: string) => `Be at ${place} on ${day}, ${from}-${to}.`,
    ar: (place: string, day: string, from: string, to: string) => `كن في ${place} يوم ${day} ${from}-${to}.`,
  },
  bring: {
    en: (items: string) => `Bring ${items}.`,
    ar: (items: string) => `أحضر ${items}.`,
  },
  doNotCarry: {
    en: (items: string) => `Do not carry ${items}.`,
    ar: (items: string) => `لا تحمل ${items}.`,
  },
  code: {
    en: (code: string) => `Code word: ${code} (only for the driver).`,
    ar: (code: string) => `كلمة السر: ${code}، للسائق فقط.`,
  },
  exit: {
    en: (exit: string) => `Crossing: ${exit}.`,
    ar: (exit: string) => `المعبر: ${exit}.`,
  },
  organisation: {
    en: (name: string) => `From ${name}.`,
    ar: (name: string) => `من ${name}.`,
  },
  noMoney: {
    en: () => 'You will never be asked for money: pay no one.',
    ar: () => 'لن يُطلب منك مال أبداً: لا تدفع لأحد.',
  },
  deleteAfter: {
    en: () => 'Learn the code, delete this SMS.',
    ar: () => 'احفظ الكلمة وامسح الرسالة.',
  },
  // The withdrawal notice ("do not come"): see withdrawal-notice.ts for why it names no place.
  tripCancelled: {
    en: (day: string) => `Your trip on ${day} is cancelled.`,
    ar: (day: string) => `أُلغيت رحلتك يوم ${day}.`,
  },
  doNotGo: {
    en: () => 'Do not go to the meeting point.',
    ar: () => 'لا تذهب إلى نقطة التجمع.',
  },
  waitForNew: {
    en: () => 'Wait for a new message.',
    ar: () => 'انتظر رسالة جديدة.',
  },
  deleteNotice: {
    en: () => 'Delete this SMS.',
    ar: () => 'امسح هذه الرسالة.',
  },
} as const satisfies Record<string, Localised<(...args: string[]) => string>>;

/** What to bring and what not to carry; an operation may replace either list. */
export interface PackingLists {
  readonly bring: Localised<readonly string[]>;
  readonly doNotCarry: Localised<readonly string[]>;
}

export const DEFAULT_PACKING: PackingLists = {
  bring: {
    en: ['ID papers', 'medicine', 'water', 'one small bag'],
    ar: ['الأوراق الثبوتية', 'الدواء', 'الماء', 'حقيبة صغيرة'],
  },
  doNotCarry: {
    en: ['name lists', 'photos of papers', 'uniforms', 'insignia'],
    ar: ['قوائم أسماء', 'صور وثائق', 'لباس عسكري', 'شارات'],
  },
};

/** "a, b and c" / "أ، ب وج" (or "a, b or c" / "أ، ب أو ج"). */
export function joinItems(
  items: readonly string[],
  lang: InstructionLanguage,
  conjunction: 'and' | 'or' = 'and',
): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(lang === 'ar' ? '، ' : ', ');
  const last = items.at(-1);
  if (lang === 'ar') return conjunction === 'and' ? `${head} و${last}` : `${head} أو ${last}`;
  return `${head} ${conjunction} ${last}`;
}

// Arabic-script names to normalised words and to the same consonant skeleton as Latin (the Latin↔Arabic bridge).

const TASHKEEL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const TATWEEL = /\u0640/g;
/** Bidi and zero-width marks that copy-paste leaves inside names. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Orthographic normalisation: tashkeel and tatweel stripped; أإآٱ→ا, ة→ه, ى→ي, ؤ→و, ئ→ي;
 * Arabic-Indic and Persian digits → ASCII.
 * @example normalizeArabic('مُحَمَّد') // 'محمد'
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(TASHKEEL, '')
    .replace(TATWEEL, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[^\u0621-\u064a\u067e\u0686\u06a4\u06af0-9]+/g, ' ')
    .trim();
}

const PATRONYMIC = new Set(['بن', 'ابن', 'بنت']);

/** Strips the article ال from a word when a real name remains (الله stays whole). */
function stripArticle(word: string): string {
  return word.length > 3 && word.startsWith('ال') ? word.slice(2) : word;
}

/**
 * Splits an Arabic name into name words: article ال and بن dropped, عبد / أبو compounds and الدين joined.
 * @example arabicNameWords('عبد الرحمن الحريري') // ['عبدرحمن', 'حريري']
 */
export function arabicNameWords(text: string): string[] {
  const raw = normalizeArabic(text)
    .split(' ')
    .filter((w) => w.length > 0);
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    const next = raw[i + 1];
    if (PATRONYMIC.has(w) && next !== undefined) continue;
    if ((w === 'عبد' || w === 'ابو') && next !== undefined) {
      words.push(w + stripArticle(next));
      i++;
      continue;
    }
    if (w === 'الدين' && words.length > 0) {
      words[words.length - 1] += 'دين';
      continue;
    }
    if (w.startsWith('عبدال') && w.length > 5) {
      words.push(`عبد${w.slice(5)}`);
      continue;
    }
    words.push(stripArticle(w));
  }
  return words;
}

/** Letter → skeleton class; ا ع و ي are handled by position in arabicSkeleton. */
const CONSONANT: Readonly<Record<string, string>> = {
  ب: 'b',
  پ: 'b',
  ت: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ج: 'j',
  چ: 'j',
  ح: 'h',
  ه: 'h',
  خ: 'x',
  د: 'd',
  ض: 'd',
  ذ: 'd',
  ز: 'd',
  ظ: 'd',
  ر: 'r',
  ش: 'c',
  ق: 'k',
  ك: 'k',
  غ: 'k',
  گ: 'k',
  ف: 'f',
  ڤ: 'f',
  ل: 'l',
  م: 'm',
  ن: 'n',
};

/**
 * The consonant skeleton of one normalised Arabic word, in the Latin skeleton's alphabet.
 * A final ه / ح is dropped because Latin lists drop it as often as not (Fatima / Fatimah, Saleh).
 * @example arabicSkeleton('محمد') // 'mhmd'
 */
export function arabicSkeleton(word: string): string {
  if (word.startsWith('عبد') && word.length > 3) return `abd${arabicSkeleton(word.slice(3))}`;
  let out = '';
  let previous = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (ch === previous) continue;
    previous = ch;
    if (i === 0) {
      if (ch === 'ا' || ch === 'ع' || ch === 'ء') {
        out += 'a';
        continue;
      }
      if (ch === 'و') {
        out += 'w';
        continue;
      }
      if (ch === 'ي') {
        out += 'y';
        continue;
      }
    }
    if (i === word.length - 1 && (ch === 'ه' || ch === 'ح') && out.length > 0) continue;
    out += CONSONANT[ch] ?? '';
  }
  return out;
}

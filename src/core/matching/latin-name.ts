// Latin-script Arabic names to comparable tokens and consonant skeletons (Mohammed, Muhammad, Mouhamad → "mhmd").

/**
 * The skeleton alphabet shared with Arabic script (see arabic-name.ts): one letter per consonant class,
 * plus a leading `a` for a word that starts with a vowel or ʿayn, `w` / `y` for a leading consonantal w / y.
 * Classes: b(b,p) t(t,ت,ط) s(s,th,ث,س,ص) j(j,dj,g,ج) h(h,ح,ه) x(kh,خ) d(d,z,dh,د,ض,ذ,ز,ظ) r l m n
 * c(sh,ch,ش) k(k,q,c,gh,ق,ك,غ) f(f,ph,v,ف). A lone g is ج, as Egyptian spellings write it (Gamal, Gomaa,
 * Ragab, Naguib); غ is written gh. d and z are one class because ض ذ ظ are written d, dh or z
 * (Fadel / Fazel, Ramadan / Ramazan, Kadhem / Kazem). Short and long vowels are dropped: no list agrees on them.
 */

/** Letters folded before anything else; NFD then removes the remaining diacritics (é → e, ü → u). */
const PRE_FOLD: Readonly<Record<string, string>> = {
  ç: 's',
  ş: 'sh',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
};

/** Joining particles that stand for a relation, not a name: "Mohammed bin Ahmad". */
const PATRONYMIC = new Set(['bin', 'ben', 'ibn', 'bint', 'binti', 'walad', 'ould']);
/** The article in its Latin spellings; sun-letter forms (ash-Shami, ar-Rifai) only before their own letter. */
const ARTICLE = new Set(['al', 'el', 'ul', 'il', 'l', 'ol']);
const SUN_ARTICLE = /^(a|e|u)(sh|s|r|d|t|z|n|th|dh|ts)$/;
/** "Abd al-Rahman", "Abdul Rahman", "Abdel-Rahman", "Abderrahmane": the compound is one name. */
const ABD_PREFIX =
  /^(abdoul|abdul|abdel|abdal|abdil|abdol|abdur|abder|abdar|abdus|abdes|abdas|abdou|abdu|abde|abda|abed|abd)/;
const ABD_ALONE = new Set(['abd', 'abdu', 'abdul', 'abdel', 'abdal', 'abdoul', 'abdol', 'abed', 'abdi', 'abdou']);
/** "Abu Bakr", "Abou Ali": the kunya joins the next word. */
const ABU_ALONE = new Set(['abu', 'abou', 'abo', 'bou']);
/** "Nour al-Din", "Nour Eddine": -din joins the word before. */
const DIN_ALONE = new Set([
  'din',
  'deen',
  'dine',
  'eddine',
  'eddin',
  'uddin',
  'ud-din',
  'addin',
  'iddin',
  'aldin',
  'eldin',
]);

/** Lowercase ASCII letters only; ʿayn, hamza and apostrophes vanish, other punctuation separates words. */
export function cleanLatin(text: string): string {
  let lower = text.toLowerCase();
  lower = lower.replace(/[çşıøæßđł]/g, (ch) => PRE_FOLD[ch] ?? ch);
  return lower
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʿʾʻʼ'’‘`´]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * Splits a Latin name into name words: articles and bin/ibn dropped, Abd-/Abu compounds and -din joined;
 * with `attachedArticle` (family names) a glued article goes too.
 * @example latinNameWords('Abd al-Rahman el-Hariri') // ['abdrahman', 'hariri']
 */
export function latinNameWords(text: string, attachedArticle = false): string[] {
  const raw = cleanLatin(text.replace(/-/g, ' '))
    .split(' ')
    .filter((w) => w.length > 0);
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    const next = raw[i + 1];
    if (PATRONYMIC.has(w) && next !== undefined) continue;
    if (next !== undefined && (ARTICLE.has(w) || (SUN_ARTICLE.test(w) && next.startsWith(w.slice(1))))) continue;
    if ((ABD_ALONE.has(w) || ABU_ALONE.has(w)) && next !== undefined) {
      let j = i + 1;
      if (ARTICLE.has(raw[j]!) && raw[j + 1] !== undefined) j++;
      const head = ABD_ALONE.has(w) ? 'abd' : 'abu';
      words.push(head + stripAttachedArticle(raw[j]!));
      i = j;
      continue;
    }
    if (DIN_ALONE.has(w) && words.length > 0) {
      words[words.length - 1] += 'din';
      continue;
    }
    // In a family name "alhariri" is al-Hariri; in a given name "Alaa" or "Alam" is a name of its own.
    words.push(attachedArticle ? stripAttachedArticle(w) : w);
  }
  return words;
}

/** "alhariri" → "hariri"; only when what remains still looks like a name (≥ 4 letters). */
function stripAttachedArticle(word: string): string {
  const m = /^(al|el|ul|il)(.{4,})$/.exec(word);
  return m ? m[2]! : word;
}

/**
 * The consonant skeleton of one cleaned Latin word (see the alphabet above).
 * @example latinSkeleton('mouhamad') // 'mhmd'
 */
export function latinSkeleton(word: string): string {
  const abd = ABD_PREFIX.exec(word);
  if (abd !== null && word.length > abd[0].length + 2) {
    return `abd${latinSkeleton(stripAttachedArticle(word.slice(abd[0].length)))}`;
  }
  let s = word.replace(/(.)\1+/g, '$1');
  s = s
    .replace(/x/g, 'ks')
    .replace(/sch|sh|ch/g, 'C')
    .replace(/kh/g, 'X')
    .replace(/gh/g, 'k')
    .replace(/th/g, 's')
    .replace(/dh|z/g, 'd')
    .replace(/ph/g, 'f')
    .replace(/dj|zh/g, 'j')
    .replace(/ck|q/g, 'k')
    .replace(/g/g, 'j')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/p/g, 'b')
    .replace(/v/g, 'f')
    .replace(/([aeiouy])h$/, '$1');
  let head = '';
  const consonantalW = /^(ou|w)(?=[aeiy])/.exec(s);
  if (consonantalW !== null) {
    head = 'w';
    s = s.slice(consonantalW[0].length);
  } else if (/^y(?=[aeiou])/.test(s)) {
    head = 'y';
    s = s.slice(1);
  } else if (/^[aeiouyw]/.test(s)) {
    head = 'a';
  }
  return (head + s.replace(/[aeiouyw]/g, '')).replace(/C/g, 'c').replace(/X/g, 'x');
}

/**
 * A vowel-keeping form for tie-breaking between names with one skeleton (Hassan "hasan" and Hussein "husin"):
 * consonant classes as in the skeleton, vowels folded to a / i / u, doubled letters collapsed.
 */
export function latinVowelForm(word: string): string {
  return word
    .replace(/(.)\1+/g, '$1')
    .replace(/sch|sh|ch/g, 'C')
    .replace(/kh/g, 'x')
    .replace(/gh|q|ck/g, 'k')
    .replace(/g/g, 'j')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/C/g, 'c')
    .replace(/th/g, 's')
    .replace(/dh/g, 'z')
    .replace(/ph|v/g, 'f')
    .replace(/ou|oo|o/g, 'u')
    .replace(/ee|ie|ei|ai|ay|ey|e|y/g, 'i')
    .replace(/([aiu])h$/, '$1')
    .replace(/(.)\1+/g, '$1');
}

import { describe, expect, it } from 'vitest';
import { normalizeArabic } from './arabic-name.ts';
import { arabicTokens, latinTokens } from './name-key.ts';
import { fieldSimilarity, tokenSimilarity } from './name-similarity.ts';

const keys = (latin: string): string[] => latinTokens(latin).map((t) => t.key);
const arabicKeys = (arabic: string): string[] => arabicTokens(arabic).map((t) => t.key);
const same = (a: string, b: string): number => fieldSimilarity(latinTokens(a), latinTokens(b)) ?? 0;

describe('Latin name keys', () => {
  it('gives one key to the spellings of one name', () => {
    const groups = [
      ['Mohammed Al-Hariri', 'Muhammad el Hariri', 'Mouhamad El Hariri', 'Mehmet al-Hariri', 'Mhd Hariri'],
      ['Abd al-Rahman', 'Abdulrahman', 'Abdel Rahman', 'Abderrahmane', 'Abdurrahman', 'Abd-El-Rahman'],
      ['Abdullah', 'Abdallah', 'Abd Allah', 'Abdulla'],
      ['Fatima', 'Fatimah', 'Fatme', 'Fatma'],
      ['Hussein', 'Hossein', 'Hocine', 'Husain', 'Houcine'],
      ['Khaled', 'Khalid'],
      ['Youssef', 'Yusuf', 'Yousef'],
      ['Walid', 'Oualid', 'Waleed'],
      ['Osman', 'Othman', 'Uthman'],
      ['Qassem', 'Kassem', 'Qasim'],
      ['Jamal', 'Gamal', 'Djamel'],
      ['Ghassan', 'Ghasan'],
      ['Nour Eddine', 'Nureddin', 'Nour al-Din'],
      ['Ash-Shami', 'Shami', 'Chami'],
      ["Sa'd", 'Saad', 'Saʿd'],
      ['Jaafar', "Ja'far", 'Jafar'],
      ['Mustafa', 'Moustapha', 'Mostafa'],
      ['Fadel', 'Fadhel', 'Fazel'],
    ];
    for (const group of groups) {
      const first = keys(group[0]!);
      for (const variant of group) expect(keys(variant), `${variant} vs ${group[0]}`).toEqual(first);
    }
  });

  it('drops an article glued to a family name, not to a given name', () => {
    expect(latinTokens('Alhariri', true).map((t) => t.key)).toEqual(keys('Al-Hariri'));
    expect(keys('Alaa')).not.toEqual(keys('Aa'));
  });

  it('tells apart common names with one skeleton', () => {
    const [muhammad] = latinTokens('Muhammad');
    const [mahmoud] = latinTokens('Mahmoud');
    const [hassan] = latinTokens('Hassan');
    const [hussein] = latinTokens('Hussein');
    expect(tokenSimilarity(muhammad!, mahmoud!)).toBe(0);
    expect(tokenSimilarity(hassan!, hussein!)).toBe(0);
    expect(tokenSimilarity(latinTokens('Mehmet')[0]!, muhammad!)).toBe(1);
  });

  it('keeps different names apart', () => {
    // One consonant apart on a three-letter skeleton: below a variant (0.9), though not far below.
    expect(same('Khaled', 'Walid')).toBeLessThan(0.9);
    expect(same('Hariri', 'Masri')).toBeLessThan(0.8);
    expect(same('Ibrahim', 'Ismail')).toBeLessThan(0.9);
  });

  it('reads a dropped or swapped letter in a long word as a slip, a replaced letter not', () => {
    // "Samiha" keyed without its m: the skeletons (smh / sh) disagree, the written words are one slip apart.
    expect(same('Samiha', 'Saiha')).toBeGreaterThanOrEqual(0.9);
    expect(same('Sicily', 'Siily')).toBeGreaterThanOrEqual(0.9);
    // A replaced letter is how different names differ; short words are left alone.
    expect(same('Kamal', 'Jamal')).toBeLessThan(0.9);
    expect(same('Nasir', 'Nasim')).toBeLessThan(0.9);
    expect(same('Aya', 'Aa')).toBeLessThan(0.9);
  });

  it('compares name parts in any order', () => {
    expect(same('Hariri Mohammed', 'Mohammed Al-Hariri')).toBe(1);
  });
});

describe('Arabic script keys and the Latin bridge', () => {
  it('normalises hamza, taa marbuta, alif maqsura, tashkeel, tatweel and digits', () => {
    expect(normalizeArabic('مُحَمَّد')).toBe('محمد');
    expect(normalizeArabic('أحمـــد')).toBe('احمد');
    expect(normalizeArabic('فاطمة')).toBe('فاطمه');
    expect(normalizeArabic('مصطفى')).toBe('مصطفي');
    expect(normalizeArabic('١٩٨٥')).toBe('1985');
  });

  it('maps Arabic script to the Latin skeleton', () => {
    expect(arabicKeys('محمد الحريري')).toEqual(keys('Mohammed Al-Hariri'));
    expect(arabicKeys('عبد الرحمن')).toEqual(keys('Abdulrahman'));
    expect(arabicKeys('عبدالله')).toEqual(keys('Abdallah'));
    expect(arabicKeys('فاطمة')).toEqual(keys('Fatima'));
    expect(arabicKeys('خالد')).toEqual(keys('Khaled'));
    expect(arabicKeys('عثمان')).toEqual(keys('Othman'));
    expect(arabicKeys('أيمن')).toEqual(keys('Ayman'));
    expect(arabicKeys('حسين')).toEqual(keys('Hussein'));
    expect(arabicKeys('نور الدين')).toEqual(keys('Nour Eddine'));
  });
});

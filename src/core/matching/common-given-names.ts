// A hand-written table of very common given names whose skeletons collide (Muhammad / Mahmoud, Hassan / Hussein).

/**
 * Canonical name → its usual Latin spellings and its Arabic spelling (normalised). Only names that the
 * skeleton cannot tell apart, or whose spellings the rules cannot reach (Mehmet, Mhd), belong here: two
 * words with different canonical names are known to be different names, whatever their skeletons say.
 */
const COMMON_GIVEN_NAMES: Readonly<Record<string, { readonly latin: readonly string[]; readonly arabic: string }>> = {
  muhammad: {
    latin: [
      'muhammad',
      'mohammed',
      'mohamed',
      'mohammad',
      'mohamad',
      'muhamed',
      'muhammed',
      'mouhamad',
      'mouhammad',
      'mouhammed',
      'mouhamed',
      'mohamud',
      'mehmet',
      'mehmed',
      'mhd',
      'mohd',
      'muhd',
      'mhamed',
      'mahomed',
      'mohamet',
    ],
    arabic: 'محمد',
  },
  mahmud: { latin: ['mahmoud', 'mahmud', 'mahmood', 'mahmut', 'mahmod', 'mahmoud'], arabic: 'محمود' },
  ahmad: { latin: ['ahmad', 'ahmed', 'ahmet', 'ahamd', 'ahmd'], arabic: 'احمد' },
  hasan: { latin: ['hassan', 'hasan', 'hassen', 'hasen'], arabic: 'حسن' },
  husayn: {
    latin: ['hussein', 'husein', 'hussain', 'husain', 'hossein', 'hocine', 'houcine', 'hussien', 'huseyin', 'huseyn'],
    arabic: 'حسين',
  },
  husni: { latin: ['husni', 'hosni', 'hosny', 'housni', 'husny'], arabic: 'حسني' },
  said: { latin: ['said', 'saeed', 'saied', 'saiid', 'saeid', 'saaid'], arabic: 'سعيد' },
  saad: { latin: ['saad', 'sad', 'saed'], arabic: 'سعد' },
  sayyid: { latin: ['sayed', 'sayyid', 'sayyed', 'sayid', 'seyed', 'sayyed'], arabic: 'سيد' },
  jamal: { latin: ['jamal', 'gamal', 'djamel', 'djamal', 'jamel'], arabic: 'جمال' },
  jamil: { latin: ['jamil', 'jameel', 'gamil', 'djamil', 'jamile'], arabic: 'جميل' },
  umar: { latin: ['omar', 'umar', 'omer', 'omer'], arabic: 'عمر' },
  amr: { latin: ['amr', 'amro', 'amru'], arabic: 'عمرو' },
  ali: { latin: ['ali', 'aly', 'alee'], arabic: 'علي' },
  alaa: { latin: ['alaa', 'ala', 'alaa', 'alae'], arabic: 'علاء' },
  hamad: { latin: ['hamad'], arabic: 'حمد' },
  hamid: { latin: ['hamid', 'hamed', 'hameed'], arabic: 'حامد' },
  hammud: { latin: ['hamoud', 'hammoud', 'hamud', 'hammud', 'hamood'], arabic: 'حمود' },
};

const BY_LATIN = new Map<string, string>();
const BY_ARABIC = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(COMMON_GIVEN_NAMES)) {
  for (const latin of spellings.latin) BY_LATIN.set(latin, canonical);
  BY_ARABIC.set(spellings.arabic, canonical);
}

/** The canonical common name of a cleaned Latin word, if it is one. @example commonNameOfLatin('mhd') // 'muhammad' */
export function commonNameOfLatin(word: string): string | undefined {
  return BY_LATIN.get(word);
}

/** The canonical common name of a normalised Arabic word, if it is one. */
export function commonNameOfArabic(word: string): string | undefined {
  return BY_ARABIC.get(word);
}

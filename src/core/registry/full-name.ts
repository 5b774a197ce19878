// Splits a one-cell full name ("Mohammed Ahmad Al-Hariri") into given, father and family names, keeping articles attached.

export interface NameParts {
  readonly given: string;
  readonly father: string;
  readonly family: string;
}

/** Particles that belong to the next word of an Arabic name written in Latin letters. */
const ATTACHED = new Set(['al', 'el', 'ul', 'abd', 'abdul', 'abu', 'bin', 'ibn', 'bint', 'abou', 'abo']);

/**
 * "Mohammed Ahmad Al Hariri" → given Mohammed, father Ahmad, family "Al Hariri"; two words → given and family.
 * Arabic naming is given + father (+ grandfather) + family: the middle words are the father's line (nasab),
 * so "Mohammed Ahmad Khaled Al-Hariri" keeps "Ahmad Khaled" as the father's name.
 */
export function splitFullName(fullName: string): NameParts {
  const raw = fullName.trim().split(/\s+/).filter(Boolean);
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    if (ATTACHED.has(w.toLowerCase().replace(/[-']$/, '')) && i + 1 < raw.length) {
      words.push(`${w} ${raw[i + 1]}`);
      i++;
    } else words.push(w);
  }
  if (words.length === 0) return { given: '', father: '', family: '' };
  if (words.length === 1) return { given: words[0]!, father: '', family: '' };
  if (words.length === 2) return { given: words[0]!, father: '', family: words[1]! };
  return { given: words[0]!, father: words.slice(1, -1).join(' '), family: words[words.length - 1]! };
}

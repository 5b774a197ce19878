import { describe, expect, it } from 'vitest';
import { forEachCandidatePair } from './blocking.ts';
import { DEFAULT_MATCH_CONFIG } from './match-config.ts';
import type { PersonRecord } from './person-record.ts';
import { prepareRecords } from './prepared-record.ts';

function record(
  id: string,
  givenName: string,
  fatherName: string,
  familyName: string,
  birthYear: number,
): PersonRecord {
  return {
    id,
    householdId: id,
    givenName,
    fatherName,
    familyName,
    sex: 'M',
    birthYear,
    role: 'family',
    flags: [],
    medicalNeeds: [],
    sourceList: id,
  };
}

const pairsOf = (records: PersonRecord[], maxBlockSize: number): Set<string> => {
  const config = { ...DEFAULT_MATCH_CONFIG, maxBlockSize, oversizedBlockWindow: 3 };
  const seen = new Set<string>();
  forEachCandidatePair(prepareRecords(records, config), config, (i, j) => {
    const key = `${records[i]!.id}|${records[j]!.id}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  });
  return seen;
};

describe('blocking', () => {
  const crowd = Array.from({ length: 40 }, (_, k) => record(`m${k}`, 'Mohammed', 'Ahmad', `Family${k}`, 1950 + k));
  const records = [
    ...crowd,
    record('x1', 'Mohammed', 'Ahmad', 'Al-Hariri', 1985),
    record('x2', 'Muhammad', 'Ahmed', 'el Hariri', 1985),
    // A swapped order and no father: still meets through the given+family key.
    record('x3', 'Hariri', '', 'Mouhamad', 1986),
  ];

  it('lets transliteration variants and swapped parts meet', () => {
    const pairs = pairsOf(records, 1000);
    expect(pairs.has('x1|x2')).toBe(true);
    expect(pairs.has('x1|x3')).toBe(true);
  });

  it('still pairs neighbours in a block too large to compare in full, and proposes fewer pairs', () => {
    const full = pairsOf(records, 1000);
    const windowed = pairsOf(records, 10);
    expect(windowed.has('x1|x2')).toBe(true);
    expect(windowed.size).toBeLessThan(full.size);
  });

  it('finds a pair that name order puts far apart in an oversized block through the birth-year order', () => {
    // Forty Hala Muhammads with fathers whose keys sort between "ask" (Isaac) and "hl" (Hala): in name order
    // "Hala Isaac Muhammad" and "Hala Muhammad" (father left out) are forty places apart, in year order side by side.
    const fathers = ['Badr', 'Bakr', 'Basim', 'Bilal', 'Burhan', 'Dawud', 'Fadi', 'Faris', 'Fuad', 'Jabir'];
    const halas = Array.from({ length: 40 }, (_, k) =>
      record(`h${k}`, 'Hala', `${fathers[k % 10]} ${fathers[Math.floor(k / 10)]}`, 'Muhammad', 1950 + k),
    );
    const withFather = record('y1', 'Hala', 'Isaac', 'Muhammad', 1997);
    const withoutFather = record('y2', 'Hala', '', 'Mohamed', 1998);
    const pairs = pairsOf([...halas, withFather, withoutFather], 10);
    expect(pairs.has('y1|y2')).toBe(true);
  });
});

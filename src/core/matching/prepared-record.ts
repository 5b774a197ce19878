// A record prepared once for the pair loop: its name key and how much agreement on each name part is worth.

import type { MatchConfig } from './match-config.ts';
import { type NameToken, type PersonNameKey, personNameKey } from './name-key.ts';
import type { PersonRecord } from './person-record.ts';

export interface PreparedRecord {
  readonly record: PersonRecord;
  readonly name: PersonNameKey;
  /** Agreement weight (points) of each name part: rare names are stronger evidence than Muhammad. */
  readonly givenWeight: number;
  readonly fatherWeight: number;
  readonly familyWeight: number;
}

/**
 * Prepares all records; name weights come from how often each word key occurs in this same set of records
 * (the u-probability of Fellegi and Sunter 1969, estimated on the data being matched).
 */
export function prepareRecords(records: readonly PersonRecord[], config: MatchConfig): PreparedRecord[] {
  const names = records.map(personNameKey);
  const keyCount = new Map<string, number>();
  let total = 0;
  for (const name of names) {
    for (const part of [name.given, name.father, name.family]) {
      for (const token of part) {
        keyCount.set(token.key, (keyCount.get(token.key) ?? 0) + 1);
        total++;
      }
    }
  }
  const weightOf = (part: readonly NameToken[]): number => {
    if (part.length === 0 || total === 0) return config.nameWeightMin;
    let rarest = Number.POSITIVE_INFINITY;
    for (const token of part) rarest = Math.min(rarest, keyCount.get(token.key) ?? 1);
    // m ≈ 0.95: a true duplicate agrees on a name part most of the time.
    const weight = Math.log2((0.95 * total) / rarest);
    return Math.min(config.nameWeightMax, Math.max(config.nameWeightMin, weight));
  };
  return names.map((name, i) => ({
    record: records[i]!,
    name,
    givenWeight: weightOf(name.given),
    fatherWeight: weightOf(name.father),
    familyWeight: weightOf(name.family),
  }));
}

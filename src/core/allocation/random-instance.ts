// Seeded random allocation problems for the brute-force tests and the benchmark (sizes 1–7, 80 % cleared pairs).

import { seededRandom } from '../random.ts';
import type { AllocationProblem, Country, Household, VettingOutcome } from './types.ts';

export { seededRandom } from '../random.ts';

const COUNTRY_POOL: readonly (readonly [string, string, readonly string[]])[] = [
  ['CAN', 'Canada', ['en', 'fr', 'ar']],
  ['FRA', 'France', ['fr']],
  ['GBR', 'United Kingdom', ['en']],
  ['DEU', 'Germany', ['de', 'ar']],
  ['SWE', 'Sweden', ['sv', 'ar']],
  ['AUS', 'Australia', ['en']],
  ['NOR', 'Norway', ['no']],
  ['CHE', 'Switzerland', ['de', 'fr']],
  ['ESP', 'Spain', ['es']],
  ['NLD', 'Netherlands', ['nl', 'en']],
  ['BEL', 'Belgium', ['fr', 'nl']],
  ['FIN', 'Finland', ['fi']],
  ['IRL', 'Ireland', ['en']],
  ['ITA', 'Italy', ['it']],
  ['NZL', 'New Zealand', ['en']],
  ['HRV', 'Croatia', ['hr']],
  ['SVN', 'Slovenia', ['sl']],
  ['LTU', 'Lithuania', ['lt']],
  ['PRT', 'Portugal', ['pt']],
  ['BGR', 'Bulgaria', ['bg']],
];

export interface RandomInstanceOptions {
  readonly households: number;
  readonly countries: number;
  readonly seed: number;
  /** Share of household–country pairs cleared by vetting. */
  readonly clearedShare?: number;
  /** Person quotas sum to this share of all persons. */
  readonly quotaShare?: number;
}

/** @example randomAllocationProblem({ households: 1000, countries: 10, seed: 1 }) */
export function randomAllocationProblem(options: RandomInstanceOptions): AllocationProblem {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const clearedShare = options.clearedShare ?? 0.8;
  const codes = COUNTRY_POOL.slice(0, options.countries).map(([code]) => code);
  if (codes.length < options.countries) throw new Error(`at most ${COUNTRY_POOL.length} countries`);
  const households: Household[] = [];
  let totalPersons = 0;
  let totalMedical = 0;
  for (let i = 0; i < options.households; i++) {
    const size = 1 + Math.floor(random() * 7);
    let medicalCount = 0;
    let schoolAgeCount = 0;
    for (let m = 0; m < size; m++) {
      if (random() < 0.08) medicalCount++;
      if (random() < 0.3) schoolAgeCount++;
    }
    const vetting: Record<string, VettingOutcome> = {};
    for (const code of codes) {
      const r = random();
      vetting[code] = r < clearedShare ? 'cleared' : r < clearedShare + (1 - clearedShare) / 2 ? 'refused' : 'pending';
    }
    const preferences: string[] = [];
    while (preferences.length < Math.min(3, codes.length)) {
      const code = pick(codes);
      if (!preferences.includes(code)) preferences.push(code);
    }
    const languages = ['ar'];
    if (random() < 0.3) languages.push('en');
    if (random() < 0.1) languages.push('fr');
    if (random() < 0.05) languages.push('de');
    const triage = random();
    households.push({
      id: `H${String(i + 1).padStart(5, '0')}`,
      size,
      priorityWeight: triage < 0.1 ? 4 : triage < 0.4 ? 2 : 1,
      needs: { medicalCount, schoolAgeCount },
      languages,
      ties: random() < 0.3 ? [pick(codes)] : [],
      preferences,
      vetting,
    });
    totalPersons += size;
    totalMedical += medicalCount;
  }
  const shares = codes.map(() => 0.5 + random());
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const quotaPersonsTotal = totalPersons * (options.quotaShare ?? 0.8);
  const countries: Country[] = codes.map((code, c) => {
    const [, name, languages] = COUNTRY_POOL[c]!;
    const quotaPersons = Math.round((quotaPersonsTotal * shares[c]!) / shareSum);
    const withHouseholdQuota = c % 3 === 1;
    const withMedical = c % 2 === 0;
    return {
      code,
      name,
      languages,
      quotaPersons,
      ...(withHouseholdQuota ? { quotaHouseholds: Math.round(quotaPersons / 4.5) } : {}),
      ...(withMedical ? { medicalCapacity: Math.round((totalMedical * 0.9 * shares[c]!) / shareSum) } : {}),
    };
  });
  return { households, countries };
}

// Resettlement side: partner countries with quotas scaled from UNHCR 2018 arrivals, household preferences, vetting.

import type { Cell } from './csv.ts';
import type { Household } from './people.ts';
import type { Random } from './random.ts';
import type { SharedData } from './shared-data.ts';

const ALL_CATEGORIES = [
  'legal_physical_protection',
  'survivor_violence_torture',
  'medical',
  'women_girls_at_risk',
  'family_reunification',
  'children_at_risk',
  'no_alternative_solution',
] as const;

interface Partner {
  code: string;
  name: string;
  languages: string;
  accepts: readonly string[];
}

/** The three pledging states of July 2018, plus three other large resettlement states of that year. */
const PARTNERS: Partner[] = [
  { code: 'GBR', name: 'United Kingdom', languages: 'en', accepts: ALL_CATEGORIES },
  { code: 'CAN', name: 'Canada', languages: 'en;fr', accepts: ALL_CATEGORIES },
  { code: 'DEU', name: 'Germany', languages: 'de', accepts: ALL_CATEGORIES },
  {
    code: 'FRA',
    name: 'France',
    languages: 'fr',
    accepts: ['legal_physical_protection', 'survivor_violence_torture', 'medical', 'women_girls_at_risk'],
  },
  {
    code: 'NLD',
    name: 'Netherlands',
    languages: 'nl;en',
    accepts: ['legal_physical_protection', 'medical', 'family_reunification', 'children_at_risk'],
  },
  {
    code: 'NOR',
    name: 'Norway',
    languages: 'no;en',
    accepts: ['legal_physical_protection', 'women_girls_at_risk', 'children_at_risk', 'no_alternative_solution'],
  },
];

/** Quotas total this many places: 10 % above the scenario's ~1,000 people, so allocation is tight but feasible. */
const TOTAL_PLACES = 1100;
const PEOPLE_PER_HOUSEHOLD = 4;

export interface Country extends Partner {
  arrivals2018: number;
  quotaPersons: number;
  quotaHouseholds: number;
  medicalCapacity: number;
}

export function buildCountries(data: SharedData): Country[] {
  const rows = data.csv('unhcr-resettlement/unhcr_solutions_syria_origin.csv');
  const arrivals = (code: string): number => {
    const row = rows.find((r) => r.year === '2018' && r.coa_iso === code);
    const value = Number(row?.resettlement);
    if (!Number.isFinite(value)) throw new Error(`no UNHCR 2018 resettlement figure for ${code}`);
    return value;
  };
  const withArrivals = PARTNERS.map((p) => ({ ...p, arrivals2018: arrivals(p.code) }));
  const total = withArrivals.reduce((sum, p) => sum + p.arrivals2018, 0);
  return withArrivals.map((p) => {
    const quotaPersons = Math.round((p.arrivals2018 / total) * TOTAL_PLACES);
    return {
      ...p,
      quotaPersons,
      quotaHouseholds: Math.ceil(quotaPersons / PEOPLE_PER_HOUSEHOLD) + 2,
      medicalCapacity: Math.max(2, Math.ceil(quotaPersons * 0.06)),
    };
  });
}

export function countryRows(countries: readonly Country[]): Record<string, Cell>[] {
  return countries.map((c) => ({
    code: c.code,
    name: c.name,
    quota_persons: c.quotaPersons,
    quota_households: c.quotaHouseholds,
    medical_capacity: c.medicalCapacity,
    languages: c.languages,
    accepts_categories: c.accepts.join(';'),
  }));
}

/** Countries where Syrian families most often had relatives in 2018 (not all are partners). */
const TIES = ['DEU', 'SWE', 'NLD', 'GBR', 'CAN', 'FRA', 'AUT', 'DNK'];

export interface HouseholdPreferences {
  household: Household;
  preferred: string[];
  ties: string[];
  row: Record<string, Cell>;
}

export function buildPreferences(
  households: readonly Household[],
  countries: readonly Country[],
  random: Random,
): HouseholdPreferences[] {
  return households.map((household) => {
    const count = random.weighted([1, 2, 3], (n) => (n === 1 ? 3 : n === 2 ? 4 : 3));
    const preferred: string[] = [];
    while (preferred.length < count) {
      const pick = random.weighted(countries, (c) => Math.sqrt(c.arrivals2018)).code;
      if (!preferred.includes(pick)) preferred.push(pick);
    }
    const ties = random.chance(0.22) ? [random.weighted(TIES, (t) => (t === 'DEU' ? 4 : t === 'SWE' ? 2 : 1))] : [];
    const hasMedical = household.members.some((m) => m.medicalNeeds !== '');
    const headIsWoman = household.members[0]?.sex === 'F';
    const hasChildren = household.members.some((m) => m.relationship === 'child' && m.birthYear > 2005);
    const secondary = hasMedical
      ? 'medical'
      : ties.length > 0
        ? 'family_reunification'
        : headIsWoman
          ? 'women_girls_at_risk'
          : hasChildren && random.chance(0.3)
            ? 'children_at_risk'
            : random.chance(0.4)
              ? 'no_alternative_solution'
              : undefined;
    const languages = random.weighted(['ar', 'ar;en', 'ar;fr', 'ar;de'], (l) =>
      l === 'ar' ? 80 : l === 'ar;en' ? 15 : 3,
    );
    return {
      household,
      preferred,
      ties,
      row: {
        household_id: household.householdId,
        preferred_countries: preferred.join(';'),
        ties_countries: ties.join(';') || undefined,
        languages,
        unhcr_category: 'legal_physical_protection',
        unhcr_category_secondary: secondary,
        notes: household.duplicateOf ? 'registered by a second team' : undefined,
      },
    };
  });
}

const SPLIT_DECISIONS = 3;

/** One row per household and preferred country; a few extra per-member rows make split decisions. */
export function buildVetting(preferences: readonly HouseholdPreferences[], random: Random): Record<string, Cell>[] {
  const rows: Record<string, Cell>[] = [];
  let splits = 0;
  for (const { household, preferred } of preferences) {
    for (const country of preferred) {
      const outcome = random.weighted(['cleared', 'pending', 'refused'] as const, (o) =>
        o === 'cleared' ? 78 : o === 'pending' ? 14 : 8,
      );
      const decidedAt =
        outcome === 'pending'
          ? undefined
          : `2018-07-${random.int(17, 20)}T${String(random.int(9, 18)).padStart(2, '0')}:00+03:00`;
      rows.push({ household_id: household.householdId, country, outcome, person_id: undefined, decided_at: decidedAt });
      // A split decision: the country clears the household but refuses one adult member.
      const adultMan = household.members.find(
        (m) => m.sex === 'M' && m.relationship !== 'head' && 2018 - m.birthYear >= 18,
      );
      if (
        outcome === 'cleared' &&
        splits < SPLIT_DECISIONS &&
        household.members.length >= 4 &&
        adultMan &&
        random.chance(0.1)
      ) {
        rows.push({
          household_id: household.householdId,
          country,
          outcome: 'refused',
          person_id: adultMan.personId,
          decided_at: decidedAt,
        });
        splits += 1;
      }
    }
  }
  return rows;
}

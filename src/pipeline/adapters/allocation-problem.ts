// Scenario households, vetting and countries → the resettlement allocation problem (triage level as priority weight).
import type {
  AllocationProblem,
  Country,
  Household,
  Override,
  ResettlementCategory,
  VettingOutcome,
} from '../../core/allocation/types.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { UNHCR_CATEGORIES } from '../../core/scenario/vocabulary.ts';
import type { DangerLevel } from '../../core/triage/index.ts';
import { birthYearOf, medicalNeedsOf } from './people.ts';

const CATEGORY: Readonly<Record<(typeof UNHCR_CATEGORIES)[number], ResettlementCategory>> = {
  legal_physical_protection: 'legal-physical-protection',
  survivor_violence_torture: 'survivor-violence-torture',
  medical: 'medical-needs',
  women_girls_at_risk: 'women-girls-at-risk',
  family_reunification: 'family-reunification',
  children_at_risk: 'children-at-risk',
  no_alternative_solution: 'no-alternative-durable-solution',
};

/** Placing a person in imminent danger is worth three times placing one at low risk. */
export const PRIORITY_WEIGHT: Readonly<Record<DangerLevel, number>> = { imminent: 3, high: 2, medium: 1.5, low: 1 };

export function allocationProblem(
  scenario: Scenario,
  levelOf: ReadonlyMap<string, DangerLevel>,
  overrides: readonly Override[] = [],
): AllocationProblem {
  const person = new Map(scenario.people.map((p) => [p.person_id, p]));
  const year = new Date(Date.parse(scenario.manifest.start_time)).getUTCFullYear();
  const vetting = new Map<string, Record<string, VettingOutcome>>();
  const memberVetting = new Map<string, Record<string, Record<string, VettingOutcome>>>();
  for (const v of scenario.vetting) {
    if (v.person_id === undefined) {
      const forHousehold = vetting.get(v.household_id) ?? {};
      forHousehold[v.country] = v.outcome;
      vetting.set(v.household_id, forHousehold);
    } else {
      const forHousehold = memberVetting.get(v.household_id) ?? {};
      const forCountry = forHousehold[v.country] ?? {};
      forCountry[v.person_id] = v.outcome;
      forHousehold[v.country] = forCountry;
      memberVetting.set(v.household_id, forHousehold);
    }
  }
  const households: Household[] = scenario.households.map((h) => {
    const members = h.member_ids.map((id) => person.get(id)!);
    const ages = members.map((m) => birthYearOf(m)).map((y) => (y === undefined ? undefined : year - y));
    const details = h.details;
    const category = details?.unhcr_category;
    const perMember = memberVetting.get(h.household_id);
    return {
      id: h.household_id,
      size: members.length,
      priorityWeight: PRIORITY_WEIGHT[levelOf.get(h.household_id) ?? 'low'],
      needs: {
        medicalCount: members.filter((m) => medicalNeedsOf(m).length > 0).length,
        schoolAgeCount: ages.filter((a) => a !== undefined && a >= 6 && a <= 17).length,
      },
      languages: details?.languages ?? ['ar'],
      ties: details?.ties_countries ?? [],
      preferences: details?.preferred_countries ?? [],
      vetting: vetting.get(h.household_id) ?? {},
      ...(perMember ? { memberVetting: perMember } : {}),
      ...(category ? { category: CATEGORY[category] } : {}),
    };
  });
  const countries: Country[] = scenario.countries.map((c) => ({
    code: c.code,
    name: c.name,
    ...(c.quota_persons !== undefined ? { quotaPersons: c.quota_persons } : {}),
    ...(c.quota_households !== undefined ? { quotaHouseholds: c.quota_households } : {}),
    ...(c.medical_capacity !== undefined ? { medicalCapacity: c.medical_capacity } : {}),
    languages: c.languages,
    ...(c.accepts_categories.length > 0 ? { acceptsCategories: c.accepts_categories.map((k) => CATEGORY[k]) } : {}),
  }));
  return { households, countries, overrides };
}

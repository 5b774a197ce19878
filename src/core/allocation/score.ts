// A household's score in a country: placed persons × priority plus fit (ties, language, preference, medical, policy).
import type { Country, FactorContribution, FitWeights, Household } from './types.ts';

export interface HouseholdScore {
  readonly total: number;
  readonly factors: readonly FactorContribution[];
}

/** @example scoreHousehold(household, canada, DEFAULT_FIT_WEIGHTS).total */
export function scoreHousehold(household: Household, country: Country, weights: FitWeights): HouseholdScore {
  const factors: FactorContribution[] = [];
  const add = (factor: FactorContribution['factor'], points: number, message: string): void => {
    if (points !== 0) factors.push({ factor, points, message });
  };
  add(
    'priority',
    household.size * household.priorityWeight * weights.perPriorityPerson,
    `${household.size} person(s) placed at priority ${household.priorityWeight}`,
  );
  if (household.ties.includes(country.code)) add('tie', weights.tie, `relatives in ${country.code}`);
  const shared = household.languages.find((language) => country.languages.includes(language));
  if (shared !== undefined) add('language', weights.language, `${country.code} supports ${shared}`);
  const rank = household.preferences.indexOf(country.code);
  if (rank >= 0) add('preference', weights.preferenceByRank[rank] ?? 0, `preference number ${rank + 1}`);
  if (household.needs.medicalCount > 0 && (country.medicalCapacity ?? 0) > 0) {
    add(
      'medical-support',
      weights.medicalSupport * household.needs.medicalCount,
      `${country.code} has medical capacity for ${household.needs.medicalCount} member(s) with medical needs`,
    );
  }
  const policy = policyPoints(household, country);
  if (policy !== 0) add('policy', policy, `${country.code} policy weights`);
  let total = 0;
  for (const factor of factors) total += factor.points;
  return { total, factors };
}

function policyPoints(household: Household, country: Country): number {
  const policy = country.policyWeights;
  if (policy === undefined) return 0;
  let points = (policy.perMedicalPerson ?? 0) * household.needs.medicalCount;
  points += (policy.perSchoolAgeChild ?? 0) * household.needs.schoolAgeCount;
  if (household.profession !== undefined) points += policy.profession?.[household.profession] ?? 0;
  if (household.category !== undefined) points += policy.category?.[household.category] ?? 0;
  return points;
}

// Who is travelling, as a risk profile: each person's, and the household's (the most restrictive of its members').
import { groupProfile, type ProfileName } from '../../core/routing/risk/profiles.ts';
import type { Household, Person, Scenario } from '../../core/scenario/scenario.ts';
import { birthYearOf, medicalNeedsOf } from './people.ts';

const ELDERLY_FROM = 65;
const CHILD_UNDER = 16;

/**
 * A person's profile at the scenario's start. Men from the military-age minimum up to 64 count as military age:
 * checkpoints have detained men older than the conscription range, so the conservative reading is taken.
 * An unknown birth date for a man is treated as military age for the same reason.
 */
export function personProfile(person: Person, referenceYear: number, militaryAgeMin: number): ProfileName {
  if (medicalNeedsOf(person).length > 0 || person.flags.includes('injured')) return 'medical';
  const year = birthYearOf(person);
  const age = year === undefined ? undefined : referenceYear - year;
  if (age !== undefined && age < CHILD_UNDER)
    return age >= militaryAgeMin && person.sex === 'm' ? 'military_age_man' : 'child';
  if (age !== undefined && age >= ELDERLY_FROM) return 'elderly';
  if (person.sex === 'f') return 'woman';
  return 'military_age_man';
}

/** Profiles of every household (the most restrictive member's). */
export function householdProfiles(scenario: Scenario): Map<string, ProfileName> {
  const referenceYear = new Date(Date.parse(scenario.manifest.start_time)).getUTCFullYear();
  const min = scenario.manifest.parameters.triage.military_age_min;
  const person = new Map(scenario.people.map((p) => [p.person_id, p]));
  const out = new Map<string, ProfileName>();
  for (const h of scenario.households) out.set(h.household_id, householdProfile(h, person, referenceYear, min));
  return out;
}

function householdProfile(h: Household, person: ReadonlyMap<string, Person>, year: number, min: number): ProfileName {
  const profiles = h.member_ids.map((id) => personProfile(person.get(id)!, year, min));
  const result = groupProfile(profiles);
  if (!result.ok) throw new Error(`household ${h.household_id}: ${result.error.kind}`);
  return result.value;
}

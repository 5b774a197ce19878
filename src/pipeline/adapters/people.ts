// Scenario people → the plain records the matcher and triage read (camelCase, years, lists).
import type { PersonRecord } from '../../core/matching/person-record.ts';
import type { Person } from '../../core/scenario/scenario.ts';

/** The year of a `YYYY` or `YYYY-MM-DD` birth date. */
export function birthYearOf(person: Pick<Person, 'birth_date'>): number | undefined {
  return person.birth_date === undefined ? undefined : Number(person.birth_date.slice(0, 4));
}

/** Medical needs as a list: a cell may list several, separated by ';'. */
export function medicalNeedsOf(person: Pick<Person, 'medical_needs'>): string[] {
  return (person.medical_needs ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^(none|no|-)$/i.test(s));
}

export function toPersonRecord(p: Person): PersonRecord {
  const birthYear = birthYearOf(p);
  const location = p.resolved_location;
  return {
    id: p.person_id,
    householdId: p.household_id,
    givenName: p.given_name,
    fatherName: p.father_name ?? '',
    familyName: p.family_name,
    ...(p.name_arabic !== undefined ? { nameArabic: p.name_arabic } : {}),
    sex: p.sex.toUpperCase() as PersonRecord['sex'],
    ...(birthYear !== undefined
      ? { birthYear, birthYearEstimated: p.birth_date_estimated || p.birth_date?.length === 4 }
      : {}),
    ...(p.phone_e164 !== undefined ? { phoneE164: p.phone_e164 } : {}),
    location:
      location.place_id !== undefined
        ? { kind: 'place', placeId: location.place_id }
        : { kind: 'point', lat: location.lat, lon: location.lon },
    role: p.role,
    flags: p.flags,
    medicalNeeds: medicalNeedsOf(p),
    sourceList: p.source_list ?? '',
  };
}

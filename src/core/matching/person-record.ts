// The plain person record the matcher and triage read: independent of any file or scenario format.

export type Sex = 'M' | 'F' | 'X';

/** Where a person is: a place id from the scenario's gazetteer, or a point (WGS84 degrees). */
export type PersonLocation =
  | { readonly kind: 'place'; readonly placeId: string }
  | { readonly kind: 'point'; readonly lat: number; readonly lon: number };

/**
 * One row of one field team's list. Latin names are as entered (any transliteration); `nameArabic` is the
 * full name in Arabic script when the team wrote it. An empty Latin name is allowed when `nameArabic` is set.
 * @example { id: 'teamA:17', householdId: 'teamA:H5', givenName: 'Mohammed', fatherName: 'Ahmad',
 *   familyName: 'Al-Hariri', sex: 'M', birthYear: 1985, role: 'volunteer', flags: [], medicalNeeds: [],
 *   sourceList: 'teamA' }
 */
export interface PersonRecord {
  readonly id: string;
  readonly householdId: string;
  readonly givenName: string;
  readonly fatherName: string;
  readonly familyName: string;
  readonly nameArabic?: string;
  readonly sex: Sex;
  readonly birthYear?: number;
  readonly birthYearEstimated?: boolean;
  /** E.164, already normalised at import. */
  readonly phoneE164?: string;
  readonly location?: PersonLocation;
  readonly role: 'volunteer' | 'family';
  readonly flags: readonly string[];
  readonly medicalNeeds: readonly string[];
  readonly sourceList: string;
}

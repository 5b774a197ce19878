// Triage configuration: every weight and threshold as one plain object with defaults (the scenario carries it).

export type DangerLevel = 'imminent' | 'high' | 'medium' | 'low';
/** Levels from most to least dangerous. */
export const DANGER_LEVELS: readonly DangerLevel[] = ['imminent', 'high', 'medium', 'low'];

export interface TriageConfig {
  /** Points per factor. */
  readonly weights: {
    /** A civil-defence volunteer: the named target. */
    readonly volunteer: number;
    /** Flag `knownToAuthorities`: on a wanted list, photographed, previously detained. */
    readonly knownToAuthorities: number;
    /** Man within `militaryAge` at the reference date: detention at checkpoints, conscription. */
    readonly militaryAgeMan: number;
    /** Per listed medical need, up to `medicalNeedsMax` needs. */
    readonly medicalNeed: number;
    readonly medicalNeedsMax: number;
    /** Located in an area a hostile party controls (resolved by the caller from the situation picture). */
    readonly hostileArea: number;
    /** Younger than `childUnder` years. */
    readonly child: number;
    /** `elderlyFrom` years or older. */
    readonly elderly: number;
  };
  /** Ages in whole years at the reference date, inclusive. */
  readonly militaryAge: { readonly from: number; readonly to: number };
  readonly childUnder: number;
  readonly elderlyFrom: number;
  /** Lowest score of each level (a score at or above `imminent` is imminent, and so on). */
  readonly thresholds: { readonly imminent: number; readonly high: number; readonly medium: number };
  /** Household score = highest member score + bump per dependent member (children, elderly, medical), capped. */
  readonly household: { readonly dependentBump: number; readonly maxBump: number };
  /** The flag that marks someone known to the authorities. */
  readonly knownFlag: string;
}

export const DEFAULT_TRIAGE_CONFIG: TriageConfig = Object.freeze({
  weights: Object.freeze({
    volunteer: 40,
    knownToAuthorities: 30,
    militaryAgeMan: 20,
    medicalNeed: 10,
    medicalNeedsMax: 2,
    hostileArea: 25,
    child: 5,
    elderly: 8,
  }),
  militaryAge: Object.freeze({ from: 16, to: 45 }),
  childUnder: 16,
  elderlyFrom: 65,
  thresholds: Object.freeze({ imminent: 70, high: 45, medium: 20 }),
  household: Object.freeze({ dependentBump: 3, maxBump: 12 }),
  knownFlag: 'knownToAuthorities',
});

// The matcher's tunable numbers in one plain object, with defaults tuned on the benchmark's tuning seed.

/** Every number the de-duplication uses. Scores are points, roughly log2 likelihood ratios (Fellegi-Sunter). */
export interface MatchConfig {
  /** A pair at or above this score is the same person (in a registry of `referenceRecords` or fewer). */
  readonly matchThreshold: number;
  /**
   * Registry size the thresholds are set for. In a larger registry every threshold rises by
   * log2(records / referenceRecords): the prior odds that two records sharing a name are one person fall
   * as the registry grows, while name weights (relative frequencies) do not.
   */
  readonly referenceRecords: number;
  /** A pair in [reviewThreshold, matchThreshold) goes to the review queue. */
  readonly reviewThreshold: number;
  /** A pair at or below this score must not end in one cluster through other links (the chaining guard). */
  readonly cannotLinkThreshold: number;
  /** Blocks larger than this are compared within a window only (sorted neighbourhood); keeps the run near O(n). */
  readonly maxBlockSize: number;
  /** Half-width of that window, in records. */
  readonly oversizedBlockWindow: number;
  /** Word similarity counted as the same name (after transliteration rules). */
  readonly sameNameSimilarity: number;
  /** Word similarity counted as a probable variant or typo. */
  readonly closeNameSimilarity: number;
  /** Below this a name part speaks against the pair. */
  readonly differentNameSimilarity: number;
  /** Bounds of a name part's agreement weight; rarer names weigh more (log2 of 1 / frequency). */
  readonly nameWeightMin: number;
  readonly nameWeightMax: number;
  /** Points against when a name part disagrees: given, father, family. */
  readonly givenDisagree: number;
  readonly fatherDisagree: number;
  readonly familyDisagree: number;
  /** Given and family found crosswise ("Hariri Mohammed"): points subtracted from the agreement. */
  readonly swappedPenalty: number;
  readonly arabicAgree: number;
  readonly arabicDisagree: number;
  readonly birthYearSame: number;
  readonly birthYearOffByOne: number;
  /**
   * Exactly two years apart: each list off by one year in opposite directions (a registrar rounding an age
   * one way, another the other), a pattern far commoner than a larger slip.
   */
  readonly birthYearTwoApart: number;
  /** Three or more years apart; halved when either year is marked estimated. */
  readonly birthYearFar: number;
  /** Ten or more years apart (father and son share names). */
  readonly birthYearVeryFar: number;
  readonly sexDiffers: number;
  readonly phoneSame: number;
  readonly phoneDiffers: number;
  readonly locationSame: number;
  readonly locationDiffers: number;
  /** Within this distance two point locations count as the same place. */
  readonly locationNearM: number;
  /** On one list, different households: the team meant two people. */
  readonly sameListOtherHousehold: number;
  /** On one list, one household: a team lists a household's members once each, so these are two members. */
  readonly sameListSameHousehold: number;
  /** Another member of each of the two households already matched (families are registered together). */
  readonly householdSupport: number;
  /** Names alone never merge: without an agreeing father, birth year (±1) or phone a pair goes to review. */
  readonly requireCorroboration: boolean;
}

export const DEFAULT_MATCH_CONFIG: MatchConfig = Object.freeze({
  matchThreshold: 10.5,
  referenceRecords: 20_000,
  reviewThreshold: 5,
  cannotLinkThreshold: 4.9,
  maxBlockSize: 60,
  oversizedBlockWindow: 10,
  sameNameSimilarity: 0.97,
  closeNameSimilarity: 0.9,
  differentNameSimilarity: 0.8,
  nameWeightMin: 1.5,
  nameWeightMax: 6,
  givenDisagree: -6,
  fatherDisagree: -5,
  familyDisagree: -5,
  swappedPenalty: 1,
  arabicAgree: 2,
  arabicDisagree: -3,
  birthYearSame: 2,
  birthYearOffByOne: 1,
  birthYearTwoApart: -4,
  birthYearFar: -10,
  birthYearVeryFar: -14,
  sexDiffers: -10,
  phoneSame: 4,
  phoneDiffers: -0.5,
  locationSame: 0.5,
  locationDiffers: -1.5,
  locationNearM: 5000,
  sameListOtherHousehold: -1,
  sameListSameHousehold: -3,
  householdSupport: 6,
  requireCorroboration: false,
});

/** How many points every threshold rises for a registry of `records` (never negative: small lists stay strict). */
export function thresholdShift(records: number, config: MatchConfig): number {
  return Math.max(0, Math.log2(records / config.referenceRecords));
}

/** The configuration with its thresholds raised for a registry of `records`. */
export function configForSize(records: number, config: MatchConfig): MatchConfig {
  const shift = thresholdShift(records, config);
  if (shift === 0) return config;
  return {
    ...config,
    matchThreshold: config.matchThreshold + shift,
    reviewThreshold: config.reviewThreshold + shift,
    cannotLinkThreshold: config.cannotLinkThreshold + shift,
  };
}

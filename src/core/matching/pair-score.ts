// The score of one candidate pair from several fields, with the reasons behind every point.

import type { MatchConfig } from './match-config.ts';
import type { NameToken } from './name-key.ts';
import { fieldSimilarity, partSimilarity, tokenSimilarity } from './name-similarity.ts';
import type { PersonLocation } from './person-record.ts';
import type { PreparedRecord } from './prepared-record.ts';

export type ReasonField =
  | 'givenName'
  | 'fatherName'
  | 'familyName'
  | 'nameOrder'
  | 'nameArabic'
  | 'birthYear'
  | 'sex'
  | 'phone'
  | 'location'
  | 'household'
  | 'corroboration';

/** One piece of evidence: which field, what was seen, and how many points it moved the score. */
export interface ScoreReason {
  readonly field: ReasonField;
  readonly evidence: string;
  readonly contribution: number;
}

/** Points from one name part's similarity; `undefined` similarity (a part missing) is no evidence. */
function namePartPoints(similarity: number, agreeWeight: number, disagree: number, config: MatchConfig): number {
  if (similarity >= config.sameNameSimilarity) return agreeWeight;
  if (similarity >= config.closeNameSimilarity) return agreeWeight * 0.6;
  if (similarity >= config.differentNameSimilarity) return agreeWeight * 0.2;
  return disagree;
}

function describe(similarity: number, config: MatchConfig): string {
  if (similarity >= config.sameNameSimilarity) return 'same name';
  if (similarity >= config.closeNameSimilarity) return 'close variant';
  if (similarity >= config.differentNameSimilarity) return 'weakly similar';
  return 'different names';
}

function metresBetween(a: PersonLocation, b: PersonLocation): number | undefined {
  if (a.kind === 'place' && b.kind === 'place') return a.placeId === b.placeId ? 0 : Number.POSITIVE_INFINITY;
  if (a.kind === 'point' && b.kind === 'point') {
    // Equirectangular: exact enough below a few hundred km, and no trigonometry per call beyond one cos.
    const meanLat = ((a.lat + b.lat) / 2) * (Math.PI / 180);
    const dx = (b.lon - a.lon) * Math.cos(meanLat) * 111_320;
    const dy = (b.lat - a.lat) * 110_540;
    return Math.sqrt(dx * dx + dy * dy);
  }
  return undefined;
}

/**
 * Two full names in Arabic script, word by word in order when they have as many words: Arabic is written in
 * one order (given, father, family), so "علي أحمد محمد" (Ali son of Ahmad, Muhammad) is not "محمد أحمد علي".
 */
function arabicNameSimilarity(a: readonly NameToken[], b: readonly NameToken[]): number {
  if (a.length !== b.length) return fieldSimilarity(a, b) ?? 0;
  let total = 0;
  for (let k = 0; k < a.length; k++) total += tokenSimilarity(a[k]!, b[k]!);
  return total / a.length;
}

/**
 * Scores a pair. When `reasons` is given, every contribution is appended to it (the pair loop passes none,
 * which keeps it allocation-free; retained pairs are scored again with reasons).
 */
export function scorePair(a: PreparedRecord, b: PreparedRecord, config: MatchConfig, reasons?: ScoreReason[]): number {
  let score = 0;
  // Evidence strings are built only when reasons are asked for: the pair loop runs millions of times.
  const note = (field: ReasonField, contribution: number, evidence: () => string): void => {
    score += contribution;
    if (reasons !== undefined && contribution !== 0) reasons.push({ field, evidence: evidence(), contribution });
  };
  const ra = a.record;
  const rb = b.record;

  const na = a.name;
  const nb = b.name;
  const given = partSimilarity(na.given, na.arabicGiven, nb.given, nb.arabicGiven) ?? 0;
  const family = partSimilarity(na.family, na.arabicFamily, nb.family, nb.arabicFamily) ?? 0;
  let swapped = false;
  if (Math.min(given, family) < config.sameNameSimilarity) {
    const crossGiven = fieldSimilarity(a.name.given, b.name.family) ?? 0;
    const crossFamily = fieldSimilarity(a.name.family, b.name.given) ?? 0;
    swapped = Math.min(crossGiven, crossFamily) > Math.min(given, family) + 0.05;
    if (swapped) {
      const crossPoints =
        namePartPoints(crossGiven, (a.givenWeight + b.familyWeight) / 2, config.givenDisagree, config) +
        namePartPoints(crossFamily, (a.familyWeight + b.givenWeight) / 2, config.familyDisagree, config) -
        config.swappedPenalty;
      note(
        'nameOrder',
        crossPoints,
        () => `given and family names written crosswise (${crossGiven.toFixed(2)}, ${crossFamily.toFixed(2)})`,
      );
    }
  }
  if (!swapped) {
    if (a.name.given.length > 0 && b.name.given.length > 0) {
      const points = namePartPoints(given, (a.givenWeight + b.givenWeight) / 2, config.givenDisagree, config);
      note('givenName', points, () => `${describe(given, config)} (${given.toFixed(2)})`);
    }
    if (a.name.family.length > 0 && b.name.family.length > 0) {
      const points = namePartPoints(family, (a.familyWeight + b.familyWeight) / 2, config.familyDisagree, config);
      note('familyName', points, () => `${describe(family, config)} (${family.toFixed(2)})`);
    }
  }
  const father = partSimilarity(na.father, na.arabicFather, nb.father, nb.arabicFather);
  if (father !== undefined) {
    const points = namePartPoints(father, (a.fatherWeight + b.fatherWeight) / 2, config.fatherDisagree, config);
    note('fatherName', points, () => `${describe(father, config)} (${father.toFixed(2)})`);
  }
  if (a.name.arabic.length > 0 && b.name.arabic.length > 0) {
    const arabic = arabicNameSimilarity(a.name.arabic, b.name.arabic);
    if (arabic >= config.sameNameSimilarity) note('nameArabic', config.arabicAgree, () => 'same Arabic name');
    else if (arabic < config.differentNameSimilarity) {
      note('nameArabic', config.arabicDisagree, () => `different Arabic names (${arabic.toFixed(2)})`);
    }
  }

  if (ra.birthYear !== undefined && rb.birthYear !== undefined) {
    const gap = Math.abs(ra.birthYear - rb.birthYear);
    const estimated = ra.birthYearEstimated === true || rb.birthYearEstimated === true;
    if (gap === 0) note('birthYear', config.birthYearSame, () => `both ${ra.birthYear}`);
    else if (gap === 1)
      note('birthYear', config.birthYearOffByOne, () => `${ra.birthYear} and ${rb.birthYear}: one year apart`);
    else if (gap >= 10) note('birthYear', config.birthYearVeryFar, () => `${gap} years apart`);
    else if (gap === 2) {
      // Two lists each one year off, opposite ways; never scored worse than a larger gap would be.
      const points = Math.max(config.birthYearTwoApart, estimated ? config.birthYearFar / 2 : config.birthYearFar);
      note('birthYear', points, () => `${ra.birthYear} and ${rb.birthYear}: two years apart`);
    } else {
      // An estimated year earns leniency for a small gap only: a guess off by more than five years is
      // rarer than two people sharing a common name, and a false merge loses a person.
      const points = estimated && gap <= 5 ? config.birthYearFar / 2 : config.birthYearFar;
      note('birthYear', points, () => `${gap} years apart${estimated ? ' (estimated)' : ''}`);
    }
  }
  if (ra.sex !== 'X' && rb.sex !== 'X' && ra.sex !== rb.sex)
    note('sex', config.sexDiffers, () => `${ra.sex} and ${rb.sex}`);
  if (ra.phoneE164 !== undefined && rb.phoneE164 !== undefined) {
    if (ra.phoneE164 === rb.phoneE164) note('phone', config.phoneSame, () => 'same phone number');
    else note('phone', config.phoneDiffers, () => 'different phone numbers');
  }
  if (ra.location !== undefined && rb.location !== undefined) {
    const metres = metresBetween(ra.location, rb.location);
    if (metres !== undefined) {
      if (metres <= config.locationNearM) note('location', config.locationSame, () => 'same place');
      else note('location', config.locationDiffers, () => 'different places');
    }
  }
  if (ra.sourceList === rb.sourceList) {
    if (ra.householdId !== rb.householdId) {
      note('household', config.sameListOtherHousehold, () => `one list (${ra.sourceList}), different households`);
    } else
      note('household', config.sameListSameHousehold, () => `one list (${ra.sourceList}), one household: two members`);
  }
  // Names alone never merge: two people share a name more often than a list loses every other field.
  const corroborated =
    (father !== undefined && father >= config.closeNameSimilarity) ||
    (ra.birthYear !== undefined && rb.birthYear !== undefined && Math.abs(ra.birthYear - rb.birthYear) <= 1) ||
    (ra.phoneE164 !== undefined && ra.phoneE164 === rb.phoneE164);
  if (config.requireCorroboration && !corroborated && score >= config.matchThreshold) {
    const cap = config.matchThreshold - 0.5 - score;
    note('corroboration', cap, () => 'names only: no father, birth year or phone agrees, so held for review');
  }
  return score;
}

// The danger score of a person and of a household, with each factor's contribution and what would change the level.

import { DANGER_LEVELS, type DangerLevel, DEFAULT_TRIAGE_CONFIG, type TriageConfig } from './triage-config.ts';

/** What triage reads about a person; a matching `PersonRecord` plus the caller's hostile-area answer fits. */
export interface TriagePerson {
  readonly id: string;
  readonly householdId: string;
  readonly sex: 'M' | 'F' | 'X';
  readonly birthYear?: number;
  readonly role: 'volunteer' | 'family';
  readonly flags: readonly string[];
  readonly medicalNeeds: readonly string[];
}

export type TriageFactorName =
  | 'volunteer'
  | 'knownToAuthorities'
  | 'militaryAgeMan'
  | 'medicalNeeds'
  | 'hostileArea'
  | 'child'
  | 'elderly'
  | 'highestMember'
  | 'dependents';

export interface TriageFactor {
  readonly factor: TriageFactorName;
  readonly evidence: string;
  readonly points: number;
}

/** How the level would change: points to the next level up, and the factors whose removal alone drops it. */
export interface LevelChange {
  /** Points needed to reach the next level up; undefined at imminent. */
  readonly pointsToNextLevel?: number;
  readonly nextLevel?: DangerLevel;
  /** Each factor whose removal alone lowers the level, with the level it would fall to. */
  readonly droppedBy: readonly { readonly factor: TriageFactorName; readonly levelWithout: DangerLevel }[];
}

export interface PersonTriage {
  readonly personId: string;
  readonly householdId: string;
  readonly score: number;
  readonly level: DangerLevel;
  readonly factors: readonly TriageFactor[];
  readonly change: LevelChange;
}

export interface HouseholdTriage {
  readonly householdId: string;
  readonly score: number;
  readonly level: DangerLevel;
  readonly factors: readonly TriageFactor[];
  readonly change: LevelChange;
  readonly members: readonly PersonTriage[];
}

/** The level of a score. @example levelOf(72, DEFAULT_TRIAGE_CONFIG) // 'imminent' */
export function levelOf(score: number, config: TriageConfig = DEFAULT_TRIAGE_CONFIG): DangerLevel {
  const t = config.thresholds;
  if (score >= t.imminent) return 'imminent';
  if (score >= t.high) return 'high';
  if (score >= t.medium) return 'medium';
  return 'low';
}

function thresholdOf(level: DangerLevel, config: TriageConfig): number {
  return level === 'low' ? Number.NEGATIVE_INFINITY : config.thresholds[level];
}

function levelChange(score: number, factors: readonly TriageFactor[], config: TriageConfig): LevelChange {
  const level = levelOf(score, config);
  const index = DANGER_LEVELS.indexOf(level);
  const droppedBy = factors
    .map((f) => ({ factor: f.factor, levelWithout: levelOf(score - f.points, config) }))
    .filter((d) => d.levelWithout !== level);
  if (index === 0) return { droppedBy };
  const nextLevel = DANGER_LEVELS[index - 1]!;
  return { pointsToNextLevel: thresholdOf(nextLevel, config) - score, nextLevel, droppedBy };
}

/** Whole years of age at the reference date's year; birth years only, so a person turns a year older on 1 January. */
function ageAt(birthYear: number | undefined, referenceDate: Date): number | undefined {
  return birthYear === undefined ? undefined : referenceDate.getUTCFullYear() - birthYear;
}

/**
 * Scores one person. `inHostileArea` is the caller's answer from the situation picture.
 * @example triagePerson(person, true, new Date('2018-07-20'))
 *   // { score: 85, level: 'imminent', factors: [{ factor: 'volunteer', points: 40, … }, …], change: { droppedBy: […] } }
 */
export function triagePerson(
  person: TriagePerson,
  inHostileArea: boolean,
  referenceDate: Date,
  config: TriageConfig = DEFAULT_TRIAGE_CONFIG,
): PersonTriage {
  const w = config.weights;
  const factors: TriageFactor[] = [];
  const age = ageAt(person.birthYear, referenceDate);
  if (person.role === 'volunteer')
    factors.push({ factor: 'volunteer', evidence: 'civil-defence volunteer', points: w.volunteer });
  if (person.flags.includes(config.knownFlag)) {
    factors.push({ factor: 'knownToAuthorities', evidence: `flag ${config.knownFlag}`, points: w.knownToAuthorities });
  }
  if (person.sex === 'M' && age !== undefined && age >= config.militaryAge.from && age <= config.militaryAge.to) {
    factors.push({
      factor: 'militaryAgeMan',
      evidence: `man aged ${age} (${config.militaryAge.from}–${config.militaryAge.to})`,
      points: w.militaryAgeMan,
    });
  }
  const needs = Math.min(person.medicalNeeds.length, w.medicalNeedsMax);
  if (needs > 0) {
    factors.push({
      factor: 'medicalNeeds',
      evidence: person.medicalNeeds.slice().sort().join(', '),
      points: needs * w.medicalNeed,
    });
  }
  if (inHostileArea)
    factors.push({ factor: 'hostileArea', evidence: 'in an area a hostile party controls', points: w.hostileArea });
  if (age !== undefined && age < config.childUnder)
    factors.push({ factor: 'child', evidence: `aged ${age}`, points: w.child });
  if (age !== undefined && age >= config.elderlyFrom)
    factors.push({ factor: 'elderly', evidence: `aged ${age}`, points: w.elderly });
  const score = factors.reduce((s, f) => s + f.points, 0);
  return {
    personId: person.id,
    householdId: person.householdId,
    score,
    level: levelOf(score, config),
    factors,
    change: levelChange(score, factors, config),
  };
}

function isDependent(p: PersonTriage): boolean {
  return p.factors.some((f) => f.factor === 'child' || f.factor === 'elderly' || f.factor === 'medicalNeeds');
}

/**
 * Scores a household from its members' triage: the highest member's score, plus `dependentBump` per dependent
 * member (a child, an elderly or a sick person slows the whole family's escape), capped at `maxBump`.
 * Members are ordered by score, then id. Throws on an empty household (a bug: households are never empty).
 */
export function triageHousehold(
  members: readonly PersonTriage[],
  config: TriageConfig = DEFAULT_TRIAGE_CONFIG,
): HouseholdTriage {
  if (members.length === 0) throw new Error('triageHousehold: a household has at least one member');
  const ordered = members.slice().sort((a, b) => b.score - a.score || compare(a.personId, b.personId));
  const top = ordered[0]!;
  const dependents = ordered.filter(isDependent).length;
  const bump = Math.min(config.household.maxBump, dependents * config.household.dependentBump);
  const factors: TriageFactor[] = [
    { factor: 'highestMember', evidence: `${top.personId} (${top.level})`, points: top.score },
  ];
  if (bump > 0) factors.push({ factor: 'dependents', evidence: `${dependents} dependent member(s)`, points: bump });
  const score = top.score + bump;
  return {
    householdId: top.householdId,
    score,
    level: levelOf(score, config),
    factors,
    change: levelChange(score, factors, config),
    members: ordered,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Triage of everyone, grouped by household, in priority order for the scheduler: higher household score first,
 * then more members at imminent or high level, then household id (so equal households keep a stable order).
 * @example triageAll(people, (p) => hostile.has(p.id), new Date('2018-07-20')).map((h) => h.householdId)
 */
export function triageAll(
  people: readonly TriagePerson[],
  inHostileArea: (person: TriagePerson) => boolean,
  referenceDate: Date,
  config: TriageConfig = DEFAULT_TRIAGE_CONFIG,
): HouseholdTriage[] {
  const byHousehold = new Map<string, PersonTriage[]>();
  for (const person of people) {
    const t = triagePerson(person, inHostileArea(person), referenceDate, config);
    const list = byHousehold.get(person.householdId);
    if (list === undefined) byHousehold.set(person.householdId, [t]);
    else list.push(t);
  }
  const households = [...byHousehold.values()].map((members) => triageHousehold(members, config));
  const inDanger = (h: HouseholdTriage): number =>
    h.members.filter((m) => m.level === 'imminent' || m.level === 'high').length;
  return households.sort(
    (a, b) => b.score - a.score || inDanger(b) - inDanger(a) || compare(a.householdId, b.householdId),
  );
}

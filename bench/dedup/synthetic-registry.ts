// Labelled synthetic registries: households of people drawn from real name frequencies, listed by noisy field teams.

import type { PersonRecord } from '../../src/core/matching/person-record.ts';
import type { NameEntry, NamePool } from './name-pool.ts';

/** The noise model (docs/matching.md "Benchmark"); every probability is per record unless it says otherwise. */
export interface NoiseModel {
  readonly teams: number;
  /** How many lists a person appears on: P(1), P(2), P(3), P(4). */
  readonly appearances: readonly [number, number, number, number];
  /** A team writes a name its own usual way (else a spelling drawn by real frequency). */
  readonly teamHabit: number;
  readonly typo: number;
  readonly swappedGivenFamily: number;
  readonly missingFather: number;
  readonly birthYearOffByOne: number;
  readonly birthYearMissing: number;
  /** Per person: has a phone at all. Per record: the team wrote it down. */
  readonly personHasPhone: number;
  readonly phoneRecorded: number;
  readonly arabicScriptWritten: number;
  /** The person was registered somewhere else than home (moved, or registered by a relative). */
  readonly otherPlace: number;
  /** A given name is an Abd compound (Abd al-Rahman …). */
  readonly abdCompound: number;
  /** Per member and list after the household's first: this member was not registered with the family. */
  readonly memberLeftOut: number;
}

export const DEFAULT_NOISE: NoiseModel = {
  teams: 8,
  appearances: [0.55, 0.3, 0.12, 0.03],
  teamHabit: 0.5,
  typo: 0.08,
  swappedGivenFamily: 0.04,
  missingFather: 0.2,
  birthYearOffByOne: 0.15,
  birthYearMissing: 0.08,
  personHasPhone: 0.7,
  phoneRecorded: 0.6,
  arabicScriptWritten: 0.3,
  otherPlace: 0.1,
  abdCompound: 0.08,
  memberLeftOut: 0.2,
};

/** A record with the id of the true person behind it (the label). */
export interface LabelledRecord {
  readonly record: PersonRecord;
  readonly personId: number;
}

/** mulberry32: small, fast, seeded; the same seed gives the same registry on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws entries in proportion to their weight (cumulative table, binary search). */
function weightedPicker<T>(items: readonly T[], weight: (t: T) => number, random: () => number): () => T {
  const cumulative = new Float64Array(items.length);
  let sum = 0;
  items.forEach((item, i) => {
    sum += weight(item);
    cumulative[i] = sum;
  });
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

interface NamePart {
  readonly entry: NameEntry;
  /** Abd compound: `entry` is the tail. */
  readonly abd: boolean;
}

interface Person {
  readonly id: number;
  readonly household: number;
  readonly given: NamePart;
  readonly father: NamePart;
  readonly family: NameEntry;
  readonly sex: 'M' | 'F';
  readonly birthYear: number;
  readonly phone: string | undefined;
  readonly placeId: string;
  readonly role: 'volunteer' | 'family';
}

const ARTICLE_STYLES = ['Al-', 'al-', 'El-', 'el ', 'Al ', '', 'Al'] as const;
const ABD_STYLES = ['Abd al-', 'Abdul ', 'Abdel', 'Abdul', 'Abd Al ', 'Abd-El-', 'Abdel '] as const;
const PLACES = 40;

/**
 * Builds a registry of about `recordCount` records. People come in households (a head, often a spouse,
 * children named after their father), each person appears on one to four lists, and each list's team writes
 * names its own way plus the noise of the model.
 */
export function buildRegistry(
  pool: NamePool,
  recordCount: number,
  seed: number,
  noise: NoiseModel = DEFAULT_NOISE,
): LabelledRecord[] {
  const random = seededRandom(seed);
  const male = pool.given.filter((e) => !e.female);
  const female = pool.given.filter((e) => e.female);
  const pickMale = weightedPicker(male, (e) => e.weight, random);
  const pickFemale = weightedPicker(female, (e) => e.weight, random);
  const pickFamilyProper = weightedPicker(pool.family, (e) => e.weight, random);
  const pickTail = weightedPicker(pool.abdTails, (e) => e.weight, random);
  const pickFamily = (): NameEntry => (random() < 0.6 ? pickFamilyProper() : pickMale());
  const maleName = (): NamePart =>
    random() < noise.abdCompound ? { entry: pickTail(), abd: true } : { entry: pickMale(), abd: false };
  const phone = (): string | undefined =>
    random() < noise.personHasPhone ? `+9639${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : undefined;

  const people: Person[] = [];
  const meanAppearances = noise.appearances.reduce((s, p, i) => s + p * (i + 1), 0);
  // Left-out members make fewer records than people × lists; the record loop stops at recordCount.
  const personTarget = Math.ceil((1.5 * recordCount) / meanAppearances);
  let household = 0;
  while (people.length < personTarget) {
    const family = pickFamily();
    const placeId = `place-${Math.floor(random() * PLACES)}`;
    const headGiven = maleName();
    const headBirth = 1955 + Math.floor(random() * 45);
    const add = (p: Omit<Person, 'id' | 'household' | 'placeId'>): void => {
      people.push({ ...p, id: people.length, household, placeId });
    };
    add({
      given: headGiven,
      father: maleName(),
      family,
      sex: 'M',
      birthYear: headBirth,
      phone: phone(),
      role: random() < 0.5 ? 'volunteer' : 'family',
    });
    if (random() < 0.7) {
      add({
        given: { entry: pickFemale(), abd: false },
        father: maleName(),
        family: pickFamily(),
        sex: 'F',
        birthYear: headBirth + Math.floor(random() * 8),
        phone: phone(),
        role: 'family',
      });
    }
    // Children: born when the father was 18 to 45 and before 2018; siblings never share a given name.
    const children = Math.floor(random() * 5);
    const lastYear = Math.min(2017, headBirth + 45);
    const siblingNames = new Set<string>([headGiven.entry.arabic]);
    for (let c = 0; c < children && headBirth + 18 <= lastYear; c++) {
      const sex = random() < 0.5 ? 'M' : 'F';
      const given = sex === 'M' ? maleName() : { entry: pickFemale(), abd: false };
      if (siblingNames.has(given.entry.arabic)) continue;
      siblingNames.add(given.entry.arabic);
      add({
        given,
        father: headGiven,
        family,
        sex,
        birthYear: headBirth + 18 + Math.floor(random() * (lastYear - headBirth - 17)),
        phone: random() < 0.3 ? phone() : undefined,
        role: 'family',
      });
    }
    household++;
  }

  // A team's habit: its own spelling of a name (a hash of team and name picks one real variant).
  const habit = (team: number, entry: NameEntry): string => {
    let h = team * 2654435761;
    for (let i = 0; i < entry.arabic.length; i++) h = Math.imul(h ^ entry.arabic.charCodeAt(i), 16777619);
    return entry.variants[(h >>> 0) % entry.variants.length]!.latin;
  };
  const spell = (team: number, entry: NameEntry): string => {
    if (random() < noise.teamHabit) return habit(team, entry);
    const total = entry.variants.reduce((s, v) => s + v.count, 0);
    let x = random() * total;
    for (const v of entry.variants) {
      x -= v.count;
      if (x <= 0) return v.latin;
    }
    return entry.variants[0]!.latin;
  };
  const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const writePart = (team: number, part: NamePart): string =>
    part.abd
      ? ABD_STYLES[team % ABD_STYLES.length] + capital(spell(team, part.entry))
      : capital(spell(team, part.entry));
  const writeFamily = (team: number, entry: NameEntry): string => {
    const latin = capital(spell(team, entry));
    return entry.arabic.startsWith('ال') ? ARTICLE_STYLES[team % ARTICLE_STYLES.length] + latin : latin;
  };
  const arabicOf = (part: NamePart): string => (part.abd ? `عبد ${part.entry.arabic}` : part.entry.arabic);

  const records: LabelledRecord[] = [];
  const counts = [1, 2, 3, 4];
  const pickCount = weightedPicker(counts, (c) => noise.appearances[c - 1]!, random);
  // Teams register families: a household gets its lists once; each member is on each of them unless left out.
  let householdTeams: number[] = [];
  let teamsOfHousehold = -1;
  for (const person of people) {
    if (person.household !== teamsOfHousehold) {
      teamsOfHousehold = person.household;
      const appearances = Math.min(pickCount(), noise.teams);
      const teams = new Set<number>();
      while (teams.size < appearances) teams.add(Math.floor(random() * noise.teams));
      householdTeams = [...teams].sort((a, b) => a - b);
    }
    const listed = householdTeams.filter((_, k) => k === 0 || random() >= noise.memberLeftOut);
    for (const team of listed) {
      let given = writePart(team, person.given);
      let family = writeFamily(team, person.family);
      const father = random() < noise.missingFather ? '' : writePart(team, person.father);
      if (random() < noise.typo) {
        const which = Math.floor(random() * 2);
        if (which === 0) given = typo(given, random);
        else family = typo(family, random);
      }
      if (random() < noise.swappedGivenFamily) [given, family] = [family, given];
      let birthYear: number | undefined = person.birthYear;
      if (random() < noise.birthYearOffByOne) birthYear += random() < 0.5 ? -1 : 1;
      if (random() < noise.birthYearMissing) birthYear = undefined;
      const placeId = random() < noise.otherPlace ? `place-${Math.floor(random() * PLACES)}` : person.placeId;
      const record: PersonRecord = {
        id: `team${team}:${person.id}`,
        householdId: `team${team}:H${person.household}`,
        givenName: given,
        fatherName: father,
        familyName: family,
        ...(random() < noise.arabicScriptWritten
          ? { nameArabic: [arabicOf(person.given), arabicOf(person.father), person.family.arabic].join(' ') }
          : {}),
        sex: person.sex,
        ...(birthYear === undefined ? {} : { birthYear }),
        ...(person.phone !== undefined && random() < noise.phoneRecorded ? { phoneE164: person.phone } : {}),
        location: { kind: 'place', placeId },
        role: person.role,
        flags: [],
        medicalNeeds: [],
        sourceList: `team${team}`,
      };
      records.push({ record, personId: person.id });
      if (records.length >= recordCount) return records;
    }
  }
  return records;
}

/** One keyboard-style slip: a letter replaced, dropped, doubled or two letters swapped. */
function typo(word: string, random: () => number): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  const letters = 'abdefhiklmnorstuyz';
  if (kind === 0) return word.slice(0, i) + letters[Math.floor(random() * letters.length)] + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 2) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

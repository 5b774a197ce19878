// Synthetic households of civil-defence volunteers and their families: invented people with real names.

import type { Cell } from './csv.ts';
import type { Geography } from './geography.ts';
import { type Name, type NamePools, respell, type SpellingStyle, spellFamily, spellGiven } from './names.ts';
import type { Random } from './random.ts';

/** Ages are counted at this date (the first night of the evacuation). */
const REFERENCE_YEAR = 2018;

export interface SourceList {
  id: string;
  style: SpellingStyle;
  phoneFormat: (digits: string) => string;
  /** How this team writes a location: place id, place name, or coordinates. */
  location: 'id' | 'name' | 'mixed';
  arabicChance: number;
}

const SOURCE_LISTS: SourceList[] = [
  {
    id: 'quneitra_field_team_2018-07-18',
    style: { variety: 0.15, articles: ['Al-'], toolChance: 0, upperCaseFamily: false },
    phoneFormat: (d) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
    location: 'id',
    arabicChance: 0.85,
  },
  {
    id: 'daraa_west_team_list_v2',
    style: { variety: 0.7, articles: ['al-', 'el ', 'Al ', 'El-', ''], toolChance: 0, upperCaseFamily: false },
    phoneFormat: (d) => `+963${d}`,
    location: 'name',
    arabicChance: 0.5,
  },
  {
    id: 'medical_committee_register',
    style: { variety: 0.5, articles: ['AL-', 'AL ', 'EL-'], toolChance: 0.5, upperCaseFamily: true },
    phoneFormat: (d) => `00963-${d.slice(0, 3)}-${d.slice(3)}`,
    location: 'mixed',
    arabicChance: 0.35,
  },
];

export type Relationship =
  | 'head'
  | 'spouse'
  | 'child'
  | 'parent'
  | 'sibling'
  | 'grandchild'
  | 'other-relative'
  | 'other';

export interface Person {
  personId: string;
  householdId: string;
  relationship: Relationship;
  given: Name;
  father: Name;
  family: Name;
  sex: 'M' | 'F';
  birthYear: number;
  birthDate: string;
  birthDateEstimated: boolean;
  role: 'volunteer' | 'family';
  phoneDigits: string | undefined;
  placeId: string;
  medicalNeeds: string;
  flags: string[];
  notes: string;
  docType: 'passport' | 'national_id' | 'none';
  docNumber: string;
  /** Filled when written: the row as the field team typed it. */
  row: Record<string, Cell>;
  duplicateOf: Person | undefined;
  /** The list a planted duplicate was entered on, when it differs from its household's. */
  sourceOverride: SourceList | undefined;
}

export interface Household {
  householdId: string;
  source: SourceList;
  placeId: string;
  members: Person[];
  /** A household id a second team gave to part of a family already registered elsewhere. */
  duplicateOf: Household | undefined;
}

/** Where the volunteers' families were on 20 July 2018: mostly the western Daraa and Quneitra pockets. */
const HOME_WEIGHTS: [string, number][] = [
  ['nawa', 18],
  ['jasim', 14],
  ['dara', 14],
  ['tafas', 10],
  ['al-muzayrib', 8],
  ['inkhil', 6],
  ['dail', 5],
  ['ap-6', 6],
  ['ap-1', 4],
  ['khan-arnabah', 3],
  ['ash-shaykh-miskin', 3],
  ['tasil', 2],
  ['izra', 2],
  ['busra-ash-sham', 2],
  ['al-harak', 2],
  ['as-sanamayn', 2],
];

const MEDICAL_CONDITIONS = [
  'shrapnel wound, left leg; needs a stretcher',
  'insulin-dependent diabetes; insulin must stay cool',
  'kidney failure, dialysis three times a week',
  'post-surgical abdominal wound, dressing daily',
  'asthma; needs an inhaler',
  'lower-leg amputation; wheelchair',
  'epilepsy, on medication',
  'burns (treated), 15 % body surface',
  'heart condition; no long walks',
  'spinal injury; must lie flat',
  'high blood pressure, on medication',
  'gunshot wound, right arm (recent)',
];

const NOTES = [
  'registered at the civil-defence centre',
  'ID card lost in the shelling',
  'phone shared with his brother',
  'family booklet only',
  'moved from the eastern countryside in June',
  'contact through the team leader',
];

export interface PeopleResult {
  households: Household[];
  people: Person[];
  duplicates: Person[];
}

export function generatePeople(
  pools: NamePools,
  geography: Geography,
  random: Random,
  targetHouseholds: number,
): PeopleResult {
  const households: Household[] = [];
  for (let h = 0; h < targetHouseholds; h++) households.push(makeHousehold(pools, random));

  addMedicalCases(households, random);
  const duplicates = plantDuplicates(households, random);

  // Shuffle so duplicate households are not all at the end, then number everything in file order.
  const ordered = random.shuffle(households);
  let personNumber = 0;
  ordered.forEach((household, index) => {
    household.householdId = `HH-${String(index + 1).padStart(4, '0')}`;
    for (const person of household.members) {
      personNumber += 1;
      person.householdId = household.householdId;
      person.personId = `P-${String(personNumber).padStart(5, '0')}`;
    }
  });
  // Originals first: a duplicate's spelling is chosen to differ from what the first team wrote.
  for (const pass of [false, true]) {
    for (const household of ordered) {
      for (const person of household.members) {
        if ((person.duplicateOf !== undefined) === pass) person.row = writeRow(person, household, geography, random);
      }
    }
  }
  return { households: ordered, people: ordered.flatMap((h) => h.members), duplicates };
}

function makeHousehold(pools: NamePools, random: Random): Household {
  const source = random.weighted(SOURCE_LISTS, (s) => (s.id.startsWith('medical') ? 2 : 4));
  const placeId = random.weighted(HOME_WEIGHTS, ([, w]) => w)[0];
  const household: Household = { householdId: '', source, placeId, members: [], duplicateOf: undefined };
  const familyName = random.weighted(pools.family, (n) => n.weight);
  const male = (): Name => random.weighted(pools.male, (n) => n.weight);
  const female = (): Name => random.weighted(pools.female, (n) => n.weight);
  type Core = Pick<Person, 'relationship' | 'given' | 'father' | 'family' | 'sex' | 'birthYear' | 'role' | 'flags'>;
  const add = (p: Core): Person => {
    const person: Person = {
      ...p,
      personId: '',
      householdId: '',
      placeId,
      medicalNeeds: '',
      notes: '',
      docType: 'none',
      docNumber: '',
      phoneDigits: undefined,
      birthDate: '',
      birthDateEstimated: false,
      row: {},
      duplicateOf: undefined,
      sourceOverride: undefined,
    };
    fillPersonalData(person, random);
    household.members.push(person);
    return person;
  };
  const children = (fatherName: Name, motherAge: number, wanted: number): void => {
    // Distinct ages, no more children than the mother's adult years allow (no quintuplets of an 18-year-old).
    const oldest = Math.max(0, Math.min(17, motherAge - 18));
    const ages = random
      .shuffle(Array.from({ length: oldest + 1 }, (_, age) => age))
      .slice(0, Math.min(wanted, Math.floor(oldest / 2) + 1));
    for (const age of ages.sort((a, b) => b - a)) {
      const sex = random.chance(0.5) ? 'M' : 'F';
      const adultVolunteer = age >= 18 && sex === 'M' && random.chance(0.6);
      add({
        relationship: 'child',
        given: sex === 'M' ? male() : female(),
        father: fatherName,
        family: familyName,
        sex,
        birthYear: REFERENCE_YEAR - age,
        role: adultVolunteer ? 'volunteer' : 'family',
        flags: [],
      });
    }
  };

  const type = random.weighted(['couple', 'parents', 'brothers', 'woman'] as const, (t) =>
    t === 'couple' ? 60 : t === 'parents' ? 15 : t === 'brothers' ? 15 : 10,
  );
  if (type === 'couple') {
    const headAge = random.int(22, 50);
    const head = add({
      relationship: 'head',
      given: male(),
      father: male(),
      family: familyName,
      sex: 'M',
      birthYear: REFERENCE_YEAR - headAge,
      role: 'volunteer',
      flags: [],
    });
    const spouseAge = Math.max(18, headAge - random.int(0, 8));
    add({
      relationship: 'spouse',
      given: female(),
      father: male(),
      family: random.chance(0.5) ? familyName : random.weighted(pools.family, (n) => n.weight),
      sex: 'F',
      birthYear: REFERENCE_YEAR - spouseAge,
      role: 'family',
      flags: [],
    });
    children(head.given, spouseAge, random.int(0, 4));
    if (random.chance(0.35)) {
      add({
        relationship: 'sibling',
        given: male(),
        father: head.father,
        family: familyName,
        sex: 'M',
        birthYear: REFERENCE_YEAR - random.int(18, 38),
        role: 'volunteer',
        flags: [],
      });
    }
    if (random.chance(0.15)) {
      add({
        relationship: 'parent',
        given: female(),
        father: male(),
        family: random.weighted(pools.family, (n) => n.weight),
        sex: 'F',
        birthYear: REFERENCE_YEAR - Math.min(85, headAge + random.int(18, 32)),
        role: 'family',
        flags: [],
      });
    }
  } else if (type === 'parents') {
    const fatherAge = random.int(48, 72);
    const head = add({
      relationship: 'head',
      given: male(),
      father: male(),
      family: familyName,
      sex: 'M',
      birthYear: REFERENCE_YEAR - fatherAge,
      role: random.chance(0.2) ? 'volunteer' : 'family',
      flags: [],
    });
    add({
      relationship: 'spouse',
      given: female(),
      father: male(),
      family: random.weighted(pools.family, (n) => n.weight),
      sex: 'F',
      birthYear: REFERENCE_YEAR - (fatherAge - random.int(0, 8)),
      role: 'family',
      flags: [],
    });
    const sons = random.int(1, 2);
    for (let s = 0; s < sons; s++) {
      add({
        relationship: 'child',
        given: male(),
        father: head.given,
        family: familyName,
        sex: 'M',
        birthYear: REFERENCE_YEAR - random.int(18, 32),
        role: 'volunteer',
        flags: [],
      });
    }
    if (random.chance(0.5)) {
      add({
        relationship: 'child',
        given: female(),
        father: head.given,
        family: familyName,
        sex: 'F',
        birthYear: REFERENCE_YEAR - random.int(12, 26),
        role: 'family',
        flags: [],
      });
    }
  } else if (type === 'brothers') {
    const father = male();
    const count = random.int(2, 3);
    for (let b = 0; b < count; b++) {
      add({
        relationship: b === 0 ? 'head' : 'sibling',
        given: male(),
        father,
        family: familyName,
        sex: 'M',
        birthYear: REFERENCE_YEAR - random.int(18, 36),
        role: 'volunteer',
        flags: [],
      });
    }
    if (random.chance(0.3)) {
      add({
        relationship: 'sibling',
        given: female(),
        father,
        family: familyName,
        sex: 'F',
        birthYear: REFERENCE_YEAR - random.int(15, 30),
        role: 'family',
        flags: [],
      });
    }
  } else {
    const headAge = random.int(24, 46);
    const widowed = random.chance(0.5);
    add({
      relationship: 'head',
      given: female(),
      father: male(),
      family: familyName,
      sex: 'F',
      birthYear: REFERENCE_YEAR - headAge,
      role: 'volunteer',
      flags: [],
    });
    let childrenFather = male();
    if (!widowed) {
      const spouse = add({
        relationship: 'spouse',
        given: male(),
        father: male(),
        family: random.weighted(pools.family, (n) => n.weight),
        sex: 'M',
        birthYear: REFERENCE_YEAR - (headAge + random.int(0, 8)),
        role: 'family',
        flags: [],
      });
      childrenFather = spouse.given;
    }
    const before = household.members.length;
    children(childrenFather, headAge, random.int(1, 4));
    // Children carry their father's family name, which need not be their mother's.
    const fathersFamily = widowed ? random.weighted(pools.family, (n) => n.weight) : household.members[1]!.family;
    for (const child of household.members.slice(before)) child.family = fathersFamily;
  }
  assignFlags(household, random);
  return household;
}

function fillPersonalData(person: Person, random: Random): void {
  const age = REFERENCE_YEAR - person.birthYear;
  const yearOnly = age >= 60 ? random.chance(0.6) : random.chance(0.25);
  if (yearOnly) {
    person.birthDate = String(person.birthYear);
    person.birthDateEstimated = true;
  } else {
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    person.birthDate = `${person.birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const phoneChance =
    age < 16 ? 0 : person.role === 'volunteer' ? 0.95 : age >= 60 ? 0.3 : person.sex === 'F' ? 0.45 : 0.7;
  if (random.chance(phoneChance)) {
    person.phoneDigits = `${random.pick(['93', '94', '95', '96', '98', '99'])}${String(random.int(0, 9999999)).padStart(7, '0')}`;
  }
  if (age >= 14) {
    const doc = random.weighted(['national_id', 'none', 'passport'] as const, (d) =>
      d === 'national_id' ? 65 : d === 'none' ? 25 : 10,
    );
    person.docType = doc;
    if (doc === 'national_id') person.docNumber = String(random.int(10000000000, 19999999999));
    if (doc === 'passport') person.docNumber = `N${String(random.int(0, 999999999)).padStart(9, '0')}`;
  } else if (random.chance(0.05)) {
    person.docType = 'passport';
    person.docNumber = `N${String(random.int(0, 999999999)).padStart(9, '0')}`;
  }
  if (random.chance(0.06)) person.notes = random.pick(NOTES);
}

function assignFlags(household: Household, random: Random): void {
  for (const person of household.members) {
    const age = REFERENCE_YEAR - person.birthYear;
    if (person.role === 'volunteer') {
      if (random.chance(0.3)) {
        person.flags.push('known_to_authorities');
        if (random.chance(0.2)) person.flags.push('wanted');
      }
      if (person.sex === 'M' && age <= 42 && random.chance(0.06)) person.flags.push('deserter');
      if (random.chance(0.1)) person.flags.push('detained_before');
    }
    if (person.sex === 'F' && age >= 18 && age <= 40 && person.relationship !== 'child' && random.chance(0.07)) {
      person.flags.push('pregnant');
    }
    if (random.chance(0.012)) person.flags.push('disabled');
  }
}

/** About 5 % of people get a medical need; injuries also carry the injured flag. */
function addMedicalCases(households: readonly Household[], random: Random): void {
  for (const household of households) {
    for (const person of household.members) {
      if (person.flags.includes('pregnant') && random.chance(0.4)) {
        person.medicalNeeds = `pregnant, ${random.int(7, 9)} months`;
        continue;
      }
      if (!random.chance(0.042)) continue;
      const condition = random.pick(MEDICAL_CONDITIONS);
      person.medicalNeeds = condition;
      if (/wound|injury|burns|amputation/.test(condition) && !person.flags.includes('injured'))
        person.flags.push('injured');
      if (/amputation|spinal/.test(condition) && !person.flags.includes('disabled')) person.flags.push('disabled');
    }
  }
}

const SAME_HOUSEHOLD_DUPLICATES = 15;
const DUPLICATE_HOUSEHOLDS = 5;

/**
 * The same person entered again by a second team: another spelling from the real variant clusters, sometimes the
 * birth year only, the phone in another format or missing. Either in the same household or in a second household id
 * that a second team gave to part of the same family.
 */
function plantDuplicates(households: Household[], random: Random): Person[] {
  const planted: Person[] = [];
  const respellable = (p: Person): boolean => p.given.spellings.length > 1 || p.family.article;
  const candidates = random.shuffle(households.filter((h) => h.members.some(respellable)));

  for (const household of candidates.slice(0, DUPLICATE_HOUSEHOLDS)) {
    const otherSource = random.pick(SOURCE_LISTS.filter((s) => s !== household.source));
    const copy: Household = {
      householdId: '',
      source: otherSource,
      placeId: household.placeId,
      members: [],
      duplicateOf: household,
    };
    const adults = household.members.filter(
      (m) => m.relationship === 'head' || m.relationship === 'spouse' || m.relationship === 'sibling',
    );
    for (const original of adults.slice(0, 2)) {
      const twin = duplicate(original, random);
      copy.members.push(twin);
      planted.push(twin);
    }
    households.push(copy);
  }
  for (const household of candidates.slice(DUPLICATE_HOUSEHOLDS)) {
    if (planted.length >= DUPLICATE_HOUSEHOLDS * 2 + SAME_HOUSEHOLD_DUPLICATES) break;
    const adults = household.members.filter((m) => respellable(m) && REFERENCE_YEAR - m.birthYear >= 18);
    const original = random.pick(
      adults.length > 0 && random.chance(0.85) ? adults : household.members.filter(respellable),
    );
    const twin = duplicate(original, random);
    twin.sourceOverride = random.pick(SOURCE_LISTS.filter((s) => s !== household.source));
    household.members.splice(random.int(1, household.members.length), 0, twin);
    planted.push(twin);
  }
  return planted;
}

function duplicate(original: Person, random: Random): Person {
  const twin: Person = {
    ...original,
    flags: [...original.flags],
    duplicateOf: original,
    personId: '',
    householdId: '',
    row: {},
  };
  if (random.chance(0.5)) {
    twin.birthDate = String(original.birthYear);
    twin.birthDateEstimated = true;
  }
  if (original.phoneDigits && random.chance(0.3)) twin.phoneDigits = undefined;
  if (random.chance(0.4)) twin.docType = 'none';
  if (twin.docType === 'none') twin.docNumber = '';
  twin.notes = random.chance(0.3) ? 'entered again by another team?' : '';
  return twin;
}

function writeRow(person: Person, household: Household, geography: Geography, random: Random): Record<string, Cell> {
  const source = person.sourceOverride ?? household.source;
  const cache = spellingCache(household);
  let given = cache(person.given, false, source.style, random);
  let father = cache(person.father, false, source.style, random);
  let family = cache(person.family, true, source.style, random);
  if (person.duplicateOf) {
    const first = person.duplicateOf.row;
    given = respell(person.given, String(first.given_name), false, random);
    father = random.chance(0.5)
      ? respell(person.father, String(first.father_name), false, random)
      : String(first.father_name);
    family = respell(person.family, String(first.family_name), true, random);
    if (given === first.given_name && family === first.family_name)
      family = `El-${family.replace(/^(al-|al |el-|el )/i, '')}`;
  }
  const withArabic = random.chance(source.arabicChance);
  const place = geography.byId.get(person.placeId)!;
  const location =
    source.location === 'id'
      ? place.id
      : source.location === 'name' || random.chance(0.8)
        ? place.name
        : `${(place.lat + (random.next() - 0.5) * 0.01).toFixed(4)},${(place.lon + (random.next() - 0.5) * 0.01).toFixed(4)}`;
  const format = random.chance(0.8) ? source.phoneFormat : random.pick(SOURCE_LISTS).phoneFormat;
  return {
    person_id: person.personId,
    household_id: person.householdId,
    relationship: person.relationship,
    given_name: given,
    father_name: father,
    family_name: family,
    name_arabic: withArabic ? `${person.given.arabic} ${person.father.arabic} ${person.family.arabic}` : undefined,
    sex: person.sex,
    birth_date: person.birthDate,
    birth_date_estimated: person.birthDateEstimated ? 'yes' : 'no',
    role: person.role,
    phone: person.phoneDigits ? format(person.phoneDigits) : undefined,
    location,
    medical_needs: person.medicalNeeds || undefined,
    flags: person.flags.join(';') || undefined,
    notes: person.notes || undefined,
    source_list: source.id,
    nationality: 'SYR',
    doc_type: person.docType,
    doc_number: person.docNumber || undefined,
  };
}

const caches = new WeakMap<Household, Map<string, string>>();
/** A clerk writes the same Arabic name the same way throughout one household's entry. */
function spellingCache(household: Household) {
  let cache = caches.get(household);
  if (!cache) {
    cache = new Map();
    caches.set(household, cache);
  }
  const known = cache;
  return (name: Name, family: boolean, style: SpellingStyle, random: Random): string => {
    const key = `${family ? 'f' : 'g'}:${name.arabic}`;
    const hit = known.get(key);
    if (hit) return hit;
    const spelled = family ? spellFamily(name, style, random) : spellGiven(name, style, random);
    known.set(key, spelled);
    return spelled;
  };
}

export const PEOPLE_COLUMNS = [
  'person_id',
  'household_id',
  'relationship',
  'given_name',
  'father_name',
  'family_name',
  'name_arabic',
  'sex',
  'birth_date',
  'birth_date_estimated',
  'role',
  'phone',
  'location',
  'medical_needs',
  'flags',
  'notes',
  'source_list',
  'nationality',
  'doc_type',
  'doc_number',
] as const;

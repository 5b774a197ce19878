// Test data: organisations with a coordinator context, and a scenario of many synthetic people with unmistakable names.
import type { Person, Scenario } from '../../src/core/scenario/scenario.ts';
import type { AccessContext } from '../../src/store/access-context.ts';
import type { StaffRole } from '../../src/store/policy.ts';
import type { OrganisationKind } from '../../src/store/schema.ts';
import type { Store } from '../../src/store/store.ts';

export const NOW = new Date('2018-07-20T18:00:00Z');

/** Creates organisation `id` and returns a context of one of its staff (coordinator unless told). */
export async function seedOrganisation(
  store: Store,
  id: string,
  kind: OrganisationKind = 'ngo',
  role: StaffRole = 'coordinator',
): Promise<AccessContext> {
  await store.db
    .insertInto('organisations')
    .values({ id, name: `Organisation ${id}`, kind, created_at: NOW })
    .execute();
  return contextOf(id, role);
}

export function contextOf(
  organisationId: string,
  role: StaffRole,
  userId = `${organisationId}-${role}`,
): AccessContext {
  return {
    actor: { userId, organisationId, role },
    clientAddress: '192.0.2.10',
    purpose: 'test',
    now: NOW,
  };
}

/** A deterministic generator (mulberry32), so the seeded names are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'bcdfghjklmnpqrstvwxz';
const ARABIC_LETTERS = 'بتثجحخدذرزسشصضطظعغفقكلمن';

export interface SeededPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly nameArabic: string;
  readonly phone: string;
}

/**
 * `count` people in households of four, each with a made-up name no real text contains ("Qz" + 8 letters),
 * an Arabic name of random letters and a unique phone, so finding one of them in a dump is proof of a leak.
 */
export function seededScenario(
  base: Scenario,
  count: number,
  seed = 1,
): { scenario: Scenario; seeded: SeededPerson[] } {
  const next = random(seed);
  const word = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const template = base.people[0]!;
  const seeded: SeededPerson[] = [];
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const s: SeededPerson = {
      givenName: `Qz${word(LETTERS, 8)}`,
      familyName: `Qy${word(LETTERS, 8)}`,
      nameArabic: `${word(ARABIC_LETTERS, 6)} ${word(ARABIC_LETTERS, 7)}`,
      phone: `+9639${String(10_000_000 + i * 7919).slice(-8)}`,
    };
    seeded.push(s);
    people.push({
      ...template,
      person_id: `s${i}`,
      household_id: `sh${Math.floor(i / 4)}`,
      relationship: i % 4 === 0 ? 'head' : 'child',
      given_name: s.givenName,
      family_name: s.familyName,
      name_arabic: s.nameArabic,
      phone: s.phone,
      phone_e164: s.phone,
      notes: `informant Qn${word(LETTERS, 8)}`,
      _row: i + 2,
    });
  }
  const households = Array.from({ length: Math.ceil(count / 4) }, (_, h) => ({
    household_id: `sh${h}`,
    member_ids: people.slice(h * 4, h * 4 + 4).map((p) => p.person_id),
    head_id: `s${h * 4}`,
  }));
  return { scenario: { ...base, people, households, vetting: [] }, seeded };
}

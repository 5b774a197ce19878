// The reconciliation's lists as the screen shows them: the unaccounted for first, then everyone; filters; names.
import type { ReconciledPerson } from '../../api/types.ts';

/** Who needs someone's attention first: the missing, then the detained, … then those not out yet. */
const ATTENTION: readonly string[] = [
  'missing',
  'detained',
  'turned_back',
  'declined',
  'not_contacted',
  'informed',
  'at_assembly_point',
  'boarded',
];

export interface PersonFilter {
  readonly outcome: 'all' | ReconciledPerson['outcome'];
  /** A planned exit id, or '' for every exit. */
  readonly exit: string;
  /** A country code, 'none' for households allocated nowhere, or '' for every country. */
  readonly country: string;
  /** Part of a name (Latin or Arabic), a person id or a household id. */
  readonly text: string;
}

export const NO_FILTER: PersonFilter = { outcome: 'all', exit: '', country: '', text: '' };

export function latinNameOf(p: ReconciledPerson): string {
  return [p.given_name, p.father_name, p.family_name].filter(Boolean).join(' ');
}

export function matchesFilter(p: ReconciledPerson, f: PersonFilter): boolean {
  if (f.outcome !== 'all' && p.outcome !== f.outcome) return false;
  if (f.exit !== '' && (p.planned_exit ?? '') !== f.exit) return false;
  if (f.country !== '' && (p.country ?? 'none') !== f.country) return false;
  const text = f.text.trim().toLowerCase();
  if (text === '') return true;
  return [latinNameOf(p), p.name_arabic ?? '', p.person_id, p.household_id].some((s) => s.toLowerCase().includes(text));
}

/** Everyone not out, the most urgent status first, then by household (members of a family stay together). */
export function unaccountedFor(persons: readonly ReconciledPerson[]): ReconciledPerson[] {
  const rank = (p: ReconciledPerson) => {
    const i = ATTENTION.indexOf(p.status);
    return i === -1 ? ATTENTION.length : i;
  };
  return persons.filter((p) => p.outcome !== 'out').sort((a, b) => rank(a) - rank(b) || byHousehold(a, b));
}

export function byHousehold(a: ReconciledPerson, b: ReconciledPerson): number {
  if (a.household_id !== b.household_id) return a.household_id < b.household_id ? -1 : 1;
  return a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0;
}

// Reconciliation: per person and household, what was planned and what happened; totals per exit and per pledge.
import type { Scenario } from '../scenario/scenario.ts';
import { type ConvoyAssignment, convoyKey } from './instructions.ts';
import type { PersonState, PersonStatus } from './status.ts';

/** How a person's night ended, for the report: out, still on the way, or not out with the reason. */
export type Outcome = 'out' | 'in_progress' | 'not_out';

const OUT: readonly PersonStatus[] = ['crossed', 'arrived', 'in_resettlement'];
const NOT_OUT: readonly PersonStatus[] = ['missing', 'detained', 'turned_back', 'declined'];

export interface PersonReconciliation {
  readonly person_id: string;
  readonly household_id: string;
  readonly planned_convoy?: string;
  readonly planned_exit?: string;
  readonly status: PersonStatus;
  readonly since?: string;
  readonly vehicle?: string;
  readonly exit?: string;
  readonly outcome: Outcome;
  /** For missing, detained, turned back or declined: the status and the note of the event that set it. */
  readonly reason?: string;
}

export interface HouseholdReconciliation {
  readonly household_id: string;
  readonly planned_convoy?: string;
  readonly members: number;
  readonly out: number;
  readonly not_out: number;
  readonly in_progress: number;
  /** Members whose statuses differ: a household that got separated needs someone's attention. */
  readonly split: boolean;
}

/** Counts only: shareable with a government partner (no names, no ids). */
export interface Totals {
  readonly planned: number;
  readonly crossed: number;
  readonly arrived: number;
  readonly missing: number;
  readonly detained: number;
  readonly turned_back: number;
  readonly declined: number;
  /** Not out yet and not in an exception status (not contacted, informed, at the assembly point, boarded). */
  readonly other: number;
}

export interface Reconciliation {
  readonly persons: readonly PersonReconciliation[];
  readonly households: readonly HouseholdReconciliation[];
  readonly byStatus: Readonly<Partial<Record<PersonStatus, number>>>;
  /** Per planned exit ("unplanned" for households no convoy carries). crossed counts everyone out (arrived too). */
  readonly byExit: readonly ({ readonly exit: string } & Totals)[];
  /** Per partner country pledge (households allocated to it). */
  readonly byCountry: readonly ({ readonly country: string } & Totals)[];
}

/**
 * Puts the plan and the derived statuses side by side. `allocation` maps household id → country code (the plan's
 * allocation assignments); households not allocated are counted under country "none".
 * @example reconcile(scenario, plan.schedule.convoys, deriveStatuses(merged.events), allocationByHousehold)
 */
export function reconcile(
  scenario: Scenario,
  convoys: readonly ConvoyAssignment[],
  states: ReadonlyMap<string, PersonState>,
  allocation: ReadonlyMap<string, string> = new Map(),
): Reconciliation {
  const planned = new Map<string, ConvoyAssignment>();
  for (const convoy of convoys) for (const h of convoy.households) planned.set(h.household_id, convoy);

  const persons: PersonReconciliation[] = [];
  const byStatus: Partial<Record<PersonStatus, number>> = {};
  const exitTotals = new Map<string, Totals>();
  const countryTotals = new Map<string, Totals>();
  const households: HouseholdReconciliation[] = [];

  for (const household of scenario.households) {
    const convoy = planned.get(household.household_id);
    const counts = { out: 0, not_out: 0, in_progress: 0 };
    const statuses = new Set<PersonStatus>();
    for (const personId of household.member_ids) {
      const state = states.get(personId);
      const status = state?.status ?? 'not_contacted';
      const outcome: Outcome = OUT.includes(status) ? 'out' : NOT_OUT.includes(status) ? 'not_out' : 'in_progress';
      counts[outcome] += 1;
      statuses.add(status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      persons.push({
        person_id: personId,
        household_id: household.household_id,
        ...(convoy ? { planned_convoy: convoyKey(convoy), planned_exit: convoy.exit } : {}),
        status,
        ...(state?.since !== undefined ? { since: state.since } : {}),
        ...(state?.vehicle !== undefined ? { vehicle: state.vehicle } : {}),
        ...(state?.exit !== undefined ? { exit: state.exit } : {}),
        outcome,
        ...(outcome === 'not_out' ? { reason: state?.note ? `${status}: ${state.note}` : status } : {}),
      });
      add(exitTotals, convoy?.exit ?? 'unplanned', status, convoy !== undefined);
      add(countryTotals, allocation.get(household.household_id) ?? 'none', status, convoy !== undefined);
    }
    households.push({
      household_id: household.household_id,
      ...(convoy ? { planned_convoy: convoyKey(convoy) } : {}),
      members: household.member_ids.length,
      ...counts,
      split: statuses.size > 1,
    });
  }
  const sorted = <K extends string>(m: Map<string, Totals>, key: K) =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, t]) => ({ [key]: k, ...t }) as { readonly [P in K]: string } & Totals);
  return {
    persons,
    households,
    byStatus,
    byExit: sorted(exitTotals, 'exit'),
    byCountry: sorted(countryTotals, 'country'),
  };
}

function add(totals: Map<string, Totals>, key: string, status: PersonStatus, isPlanned: boolean): void {
  const t = totals.get(key) ?? {
    planned: 0,
    crossed: 0,
    arrived: 0,
    missing: 0,
    detained: 0,
    turned_back: 0,
    declined: 0,
    other: 0,
  };
  const out = OUT.includes(status);
  const arrived = status === 'arrived' || status === 'in_resettlement';
  const exception = (NOT_OUT as readonly string[]).includes(status) ? (status as keyof Totals) : undefined;
  totals.set(key, {
    ...t,
    planned: t.planned + (isPlanned ? 1 : 0),
    crossed: t.crossed + (out ? 1 : 0),
    arrived: t.arrived + (arrived ? 1 : 0),
    other: t.other + (!out && !exception ? 1 : 0),
    ...(exception ? { [exception]: t[exception] + 1 } : {}),
  });
}

// What an officer may do for a household where they stand: each step all or none, with the members that hold it back.
import { convoyKey } from '../../../../src/core/operation/instructions.ts';
import { canMove, type PersonStatus, PROGRESS_STATUSES } from '../../../../src/core/operation/status.ts';
import type { Convoy } from '../../api/types.ts';
import type { QueuedEvent } from './event-queue.ts';

/** Where the officer stands: an assembly point (place id) or an exit (exit id). */
export interface Station {
  readonly kind: 'ap' | 'exit';
  readonly id: string;
}

export interface MemberState {
  readonly personId: string;
  readonly name?: string;
  readonly status: PersonStatus;
  readonly vehicle?: string;
}

/** The exception statuses an officer records with a note. */
export const EXCEPTIONS = ['missing', 'turned_back', 'detained', 'declined'] as const;
export type ExceptionStatus = (typeof EXCEPTIONS)[number];

/**
 * A step for the household: who takes it (`movers`), or who holds it back. Members already there (or further on)
 * are left out, so a latecomer can join the family's step; `done` when everyone is already there.
 */
export type StepCheck =
  | { readonly ok: true; readonly movers: readonly MemberState[] }
  | { readonly ok: false; readonly blockedBy: readonly MemberState[]; readonly done: boolean };

/** Already at `to`, or further along the way out (a boarded person is past the check-in). */
function reached(status: PersonStatus, to: PersonStatus): boolean {
  const order: readonly PersonStatus[] = PROGRESS_STATUSES;
  return status === to || (order.includes(to) && order.indexOf(status) > order.indexOf(to));
}

export function checkStep(members: readonly MemberState[], to: PersonStatus): StepCheck {
  const movers = members.filter((m) => canMove(m.status, to));
  const blockedBy = members.filter((m) => !reached(m.status, to) && !canMove(m.status, to));
  if (blockedBy.length === 0 && movers.length > 0) return { ok: true, movers };
  return { ok: false, blockedBy, done: blockedBy.length === 0 && members.length > 0 };
}

/** The step a household takes at this station: check in and board at an assembly point, cross at an exit. */
export function stepsAt(station: Station): readonly PersonStatus[] {
  return station.kind === 'exit' ? ['crossed'] : ['at_assembly_point', 'boarded'];
}

export { convoyKey };

/** The convoys leaving from an assembly point, by boarding time. */
export function convoysAt(convoys: readonly Convoy[], placeId: string): Convoy[] {
  return convoys
    .filter((c) => c.assembly_point === placeId)
    .sort((a, b) => (a.boards_at ?? '').localeCompare(b.boards_at ?? '') || convoyKey(a).localeCompare(convoyKey(b)));
}

/** The convoy the plan puts a household on (the first, when the plan splits it over several). */
export function plannedConvoyOf(convoys: readonly Convoy[], householdId: string): Convoy | undefined {
  return convoys.find((c) => c.households?.some((h) => h.household_id === householdId));
}

/**
 * Statuses as this device knows them: the server's view, then the events still waiting in the queue (so an
 * officer offline can board a household they just checked in).
 */
export function localStatuses(
  server: readonly { person_id: string; status: string; vehicle?: string }[],
  queue: readonly QueuedEvent[],
): Map<string, { status: PersonStatus; vehicle?: string }> {
  const states = new Map<string, { status: PersonStatus; vehicle?: string }>();
  for (const p of server)
    states.set(p.person_id, {
      status: p.status as PersonStatus,
      ...(p.vehicle === undefined ? {} : { vehicle: p.vehicle }),
    });
  for (const e of [...queue].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const known = states.get(e.person_id);
    const status = e.status as PersonStatus;
    if (known && !canMove(known.status, status)) continue;
    states.set(e.person_id, { status, ...(e.vehicle === undefined ? {} : { vehicle: e.vehicle }) });
  }
  return states;
}

// The status of every person through the operation, derived from an append-only log of events (nothing overwritten).
import { err, ok, type Result } from '../result.ts';
import { parseInstant } from './local-time.ts';

/** The way out, in order; a person moves one step at a time (see TRANSITIONS). */
export const PROGRESS_STATUSES = [
  'not_contacted',
  'informed',
  'at_assembly_point',
  'boarded',
  'crossed',
  'arrived',
  'in_resettlement',
] as const;
/** Where a person may leave the way out; each has its own way back (see TRANSITIONS). */
export const EXCEPTION_STATUSES = ['missing', 'detained', 'turned_back', 'declined'] as const;
export const STATUSES = [...PROGRESS_STATUSES, ...EXCEPTION_STATUSES] as const;
export type PersonStatus = (typeof STATUSES)[number];

/** One recorded change: who recorded it, on which device, when; `id` is unique across devices (a UUID). */
export interface StatusEvent {
  readonly id: string;
  readonly personId: string;
  readonly status: PersonStatus;
  /** ISO 8601 with offset: when it happened (as recorded on the device). */
  readonly at: string;
  readonly recordedBy: string;
  readonly device: string;
  /** Convoy key (required for boarded). */
  readonly vehicle?: string;
  /** Exit id (required for crossed). */
  readonly exit?: string;
  readonly note?: string;
}

export type StatusError =
  | {
      readonly kind: 'impossible-transition';
      readonly eventId: string;
      readonly personId: string;
      readonly from: PersonStatus;
      readonly to: PersonStatus;
    }
  | { readonly kind: 'missing-field'; readonly eventId: string; readonly field: 'vehicle' | 'exit' }
  | { readonly kind: 'bad-time'; readonly eventId: string; readonly at: string }
  | { readonly kind: 'unknown-person'; readonly eventId: string; readonly personId: string };

// Why each row: a person is told, comes, boards, crosses, arrives, is resettled, one step at a time (crossed
// before boarded is a recording error). Walk-ins reach the assembly point untold. Anyone may go missing, be
// detained, turn back or decline before crossing; missing and detained people can reappear at any later stage.
const FORWARD: Readonly<Record<PersonStatus, readonly PersonStatus[]>> = {
  not_contacted: ['informed', 'at_assembly_point', 'declined', 'missing', 'detained'],
  informed: ['at_assembly_point', 'declined', 'missing', 'detained'],
  at_assembly_point: ['boarded', 'declined', 'missing', 'detained', 'turned_back'],
  boarded: ['crossed', 'missing', 'detained', 'turned_back'],
  crossed: ['arrived', 'missing'],
  arrived: ['in_resettlement', 'missing'],
  in_resettlement: [],
  missing: ['informed', 'at_assembly_point', 'boarded', 'crossed', 'arrived', 'detained', 'declined'],
  detained: ['informed', 'at_assembly_point', 'missing', 'turned_back'],
  turned_back: ['informed', 'at_assembly_point', 'declined', 'missing', 'detained'],
  declined: ['informed', 'at_assembly_point'],
};

/** The transitions allowed from each status. */
export const TRANSITIONS = FORWARD;

/** Whether `to` may follow `from`. */
export function canMove(from: PersonStatus, to: PersonStatus): boolean {
  return FORWARD[from].includes(to);
}

/** Checks one event against a person's current status (the typed error says why it is refused). */
export function checkEvent(current: PersonStatus, event: StatusEvent): Result<StatusEvent, StatusError> {
  if (!parseInstant(event.at)) return err({ kind: 'bad-time', eventId: event.id, at: event.at });
  if (event.status === 'boarded' && !event.vehicle) {
    return err({ kind: 'missing-field', eventId: event.id, field: 'vehicle' });
  }
  if (event.status === 'crossed' && !event.exit)
    return err({ kind: 'missing-field', eventId: event.id, field: 'exit' });
  if (!canMove(current, event.status)) {
    return err({
      kind: 'impossible-transition',
      eventId: event.id,
      personId: event.personId,
      from: current,
      to: event.status,
    });
  }
  return ok(event);
}

/** The canonical order of a log: by time, then device, then id (the same whatever order devices synced in). */
export function compareEvents(a: StatusEvent, b: StatusEvent): number {
  const ta = parseInstant(a.at)?.epochMs ?? Number.NaN;
  const tb = parseInstant(b.at)?.epochMs ?? Number.NaN;
  if (ta !== tb) return Number.isNaN(ta) ? 1 : Number.isNaN(tb) ? -1 : ta - tb;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A person's derived state: the status, the events that made it, and the events that could not apply. */
export interface PersonState {
  readonly personId: string;
  readonly status: PersonStatus;
  readonly since?: string;
  /** The last boarded event's vehicle and the last crossed event's exit. */
  readonly vehicle?: string;
  readonly exit?: string;
  /** The note of the event that set the status (e.g. why missing). */
  readonly note?: string;
  readonly applied: readonly StatusEvent[];
  readonly refused: readonly { readonly event: StatusEvent; readonly error: StatusError }[];
}

/**
 * Replays the log in canonical order. An event that repeats the current status (two devices checking in the same
 * person) or that cannot follow it is refused and kept in `refused`: shown, never silently dropped, never counted.
 * @example deriveStatuses(events, scenario.people.map((p) => p.person_id)).get('P-00001')?.status
 */
export function deriveStatuses(
  events: readonly StatusEvent[],
  personIds: readonly string[] = [],
): Map<string, PersonState> {
  const byPerson = new Map<string, StatusEvent[]>();
  for (const id of personIds) byPerson.set(id, []);
  for (const event of events) {
    const list = byPerson.get(event.personId);
    if (list) list.push(event);
    else byPerson.set(event.personId, [event]);
  }
  const states = new Map<string, PersonState>();
  for (const [personId, list] of byPerson) {
    let status: PersonStatus = 'not_contacted';
    let last: StatusEvent | undefined;
    let vehicle: string | undefined;
    let exit: string | undefined;
    const applied: StatusEvent[] = [];
    const refused: { event: StatusEvent; error: StatusError }[] = [];
    for (const event of [...list].sort(compareEvents)) {
      const checked = checkEvent(status, event);
      if (!checked.ok) {
        refused.push({ event, error: checked.error });
        continue;
      }
      status = event.status;
      last = event;
      if (event.vehicle !== undefined && event.status === 'boarded') vehicle = event.vehicle;
      if (event.exit !== undefined && event.status === 'crossed') exit = event.exit;
      applied.push(event);
    }
    states.set(personId, {
      personId,
      status,
      ...(last ? { since: last.at } : {}),
      ...(vehicle !== undefined ? { vehicle } : {}),
      ...(exit !== undefined ? { exit } : {}),
      ...(last?.note !== undefined ? { note: last.note } : {}),
      applied,
      refused,
    });
  }
  return states;
}

/**
 * Checks a household in together: one event per member, all or none (a member whose status cannot move refuses
 * the whole check-in, so that a family is never half recorded).
 * @example checkInHousehold(states, household.member_ids, { idPrefix: uuid, status: 'at_assembly_point', at, recordedBy, device })
 */
export function checkInHousehold(
  states: ReadonlyMap<string, PersonState>,
  memberIds: readonly string[],
  base: Omit<StatusEvent, 'id' | 'personId'> & { readonly idPrefix: string },
): Result<StatusEvent[], StatusError[]> {
  const { idPrefix, ...rest } = base;
  const events: StatusEvent[] = [];
  const errors: StatusError[] = [];
  for (const personId of memberIds) {
    const event: StatusEvent = { ...rest, id: `${idPrefix}:${personId}`, personId };
    const checked = checkEvent(states.get(personId)?.status ?? 'not_contacted', event);
    if (checked.ok) events.push(event);
    else errors.push(checked.error);
  }
  return errors.length > 0 ? err(errors) : ok(events);
}

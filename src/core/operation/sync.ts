// Offline synchronisation: merge the event logs of several devices, each event once, conflicts resolved and reported.
import { compareEvents, deriveStatuses, type PersonStatus, type StatusError, type StatusEvent } from './status.ts';

/** Something a coordinator should look at after a merge; the merge itself already decided. */
export type SyncConflict =
  | {
      /** Two devices sent different events under one id: the canonical one is kept, the other is shown here. */
      readonly kind: 'same-id-different-content';
      readonly id: string;
      readonly kept: StatusEvent;
      readonly other: StatusEvent;
    }
  | {
      /** Two devices recorded the same status for a person: the earlier (then lower device id) counts. */
      readonly kind: 'duplicate';
      readonly personId: string;
      readonly status: PersonStatus;
      readonly kept: StatusEvent;
      readonly other: StatusEvent;
    }
  | {
      /** An event that cannot follow the person's status at its time (e.g. boarded two vehicles). */
      readonly kind: 'contradiction';
      readonly personId: string;
      readonly event: StatusEvent;
      readonly error: StatusError;
    };

export interface MergedLog {
  /** Every distinct event, in canonical order (time, device, id): a device stores this and syncs it again later. */
  readonly events: readonly StatusEvent[];
  /** Events received more than once (same id, same content): counted once. */
  readonly repeated: number;
  readonly conflicts: readonly SyncConflict[];
}

/**
 * Merges logs in any order into the same result: union by event id, canonical order, then the status replay
 * decides which of two conflicting events counts. Nothing is lost: a refused event stays in the log and in
 * `conflicts`, so a later correction (or a coordinator) can still see it.
 * @example mergeLogs([phoneA, phoneB]).conflicts
 */
export function mergeLogs(logs: readonly (readonly StatusEvent[])[]): MergedLog {
  const byId = new Map<string, StatusEvent>();
  const conflicts: SyncConflict[] = [];
  const others = new Map<string, StatusEvent[]>();
  let repeated = 0;
  for (const log of logs) {
    for (const event of log) {
      const known = byId.get(event.id);
      if (!known) byId.set(event.id, event);
      else if (canonicalJson(known) === canonicalJson(event)) repeated += 1;
      else {
        const list = others.get(event.id) ?? [];
        list.push(known, event);
        others.set(event.id, list);
      }
    }
  }
  // Same id, different content: the smallest canonical JSON wins, so the outcome does not depend on sync order.
  for (const [id, list] of others) {
    const distinct = [...new Map(list.map((e) => [canonicalJson(e), e])).entries()].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const kept = distinct[0]![1];
    byId.set(id, kept);
    for (const [, other] of distinct.slice(1)) conflicts.push({ kind: 'same-id-different-content', id, kept, other });
  }
  const events = [...byId.values()].sort(compareEvents);
  for (const state of deriveStatuses(events).values()) {
    for (const { event, error } of state.refused) {
      const twin =
        error.kind === 'impossible-transition' && error.from === event.status
          ? state.applied.findLast(
              (e) => e.status === event.status && e.vehicle === event.vehicle && e.exit === event.exit,
            )
          : undefined;
      conflicts.push(
        twin
          ? { kind: 'duplicate', personId: event.personId, status: event.status, kept: twin, other: event }
          : { kind: 'contradiction', personId: event.personId, event, error },
      );
    }
  }
  return { events, repeated, conflicts };
}

/** JSON with sorted keys, so that two copies of one event compare equal whatever their key order. */
function canonicalJson(event: StatusEvent): string {
  return JSON.stringify(Object.fromEntries(Object.entries(event).sort(([a], [b]) => (a < b ? -1 : 1))));
}

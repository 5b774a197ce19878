// A household's instruction state as the screen shows it: the server's derived state, with the households that
// must be told not to come (withdrawn after they were told) named as such rather than "changed since sent", and
// those told again only for a new pickup code.
import type { InstructionsView } from '../../api/types.ts';

type Row = InstructionsView['households'][number];

/** The server's state, or "withdrawn": told an earlier message, the one in force is "do not come", not yet sent. */
export type ShownState = Row['state'] | 'withdrawn';

/** The server derives `changed_since_sent` for such a household; the screen names what is to be done. */
export function shownState(row: Pick<Row, 'state' | 'withdrawn'>): ShownState {
  return row.withdrawn && row.state === 'changed_since_sent' ? 'withdrawn' : row.state;
}

/** The server's totals per state, with the households to tell not to come counted apart from "changed since sent". */
export function shownTotals(view: InstructionsView): [ShownState, number][] {
  const withdrawn = view.households.filter((r) => shownState(r) === 'withdrawn').length;
  return Object.entries(view.totals).flatMap(([state, n]): [ShownState, number][] =>
    state === 'changed_since_sent'
      ? [
          ['changed_since_sent', n - withdrawn],
          ['withdrawn', withdrawn],
        ]
      : [[state as ShownState, n]],
  );
}

/**
 * A `changed` version in which nothing the household is told changed (no field, or only the vehicle, which it never
 * sees): the server writes one only to give a new pickup code, the old one having been used while the household is
 * no longer at the assembly point (a vehicle-only change is otherwise a quiet version, with no new message).
 */
export function newCodeOnly(row: Pick<Row, 'change' | 'changed_fields'>): boolean {
  return row.change === 'changed' && row.changed_fields.every((f) => f === 'vehicle');
}

// What a report changed: households moved to another route, and households left with no acceptable route.
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import type { ReportOutcome } from './report-form.tsx';

function label(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const e = entry as { household_id?: string; householdId?: string };
  return e.household_id ?? e.householdId ?? JSON.stringify(entry);
}

export function ChangesList({ outcome }: { outcome: ReportOutcome }) {
  const { households_rerouted: rerouted, stranded } = outcome.changes;
  return (
    <section class="card" data-testid="changes">
      <h3>{t('situation.changes')}</h3>
      {rerouted.length === 0 && stranded.length === 0 ? <p>{t('situation.noChange')}</p> : null}
      {rerouted.length ? (
        <>
          <h4>{t('situation.rerouted', { n: fmt.number(rerouted.length), count: rerouted.length })}</h4>
          <p dir="ltr" class="id-list" data-testid="rerouted">
            {rerouted.map(label).join(', ')}
          </p>
        </>
      ) : null}
      {stranded.length ? (
        <>
          <h4>{t('situation.stranded', { n: fmt.number(stranded.length), count: stranded.length })}</h4>
          <p dir="ltr" class="id-list" data-testid="stranded">
            {stranded.map(label).join(', ')}
          </p>
        </>
      ) : null}
    </section>
  );
}

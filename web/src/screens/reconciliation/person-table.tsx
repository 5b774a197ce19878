// One printed list of people: household id on every row, the name as the reader may see it, plan, status and reason.
import type { ReconciledPerson } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { latinNameOf } from './reconciliation-data.ts';

interface Props {
  readonly persons: readonly ReconciledPerson[];
  readonly exitName: (id: string) => string;
  readonly testId: string;
}

export function PersonTable({ persons, exitName, testId }: Props) {
  if (persons.length === 0) return <p class="muted">{t('reconciliation.nobody')}</p>;
  return (
    <table class="person-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('print.col.n')}</th>
          <th>{t('print.col.household')}</th>
          <th>{t('reconciliation.col.person')}</th>
          <th>{t('print.col.name')}</th>
          <th>{t('print.col.nameArabic')}</th>
          <th>{t('reconciliation.col.planned')}</th>
          <th>{t('reconciliation.col.country')}</th>
          <th>{t('reconciliation.col.status')}</th>
          <th>{t('reconciliation.col.since')}</th>
          <th>{t('reconciliation.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {persons.map((p, i) => (
          <tr key={p.person_id} class={`outcome-${p.outcome}`} data-person={p.person_id}>
            <td>{fmt.number(i + 1)}</td>
            <td dir="ltr" class="id">
              {p.household_id}
            </td>
            <td dir="ltr" class="id">
              {p.person_id}
            </td>
            <td dir="ltr">{latinNameOf(p)}</td>
            <td dir="rtl" lang="ar">
              {p.name_arabic ?? ''}
            </td>
            <td>
              {p.planned_convoy ? (
                <>
                  <span dir="ltr" class="id">
                    {p.planned_convoy}
                  </span>{' '}
                  <span class="exit-name">→ {exitName(p.planned_exit ?? '')}</span>
                </>
              ) : (
                <span class="muted">{t('reconciliation.unplanned')}</span>
              )}
            </td>
            <td>{p.country ? t(`country.${p.country}`, { defaultValue: p.country }) : '–'}</td>
            <td>{t(`checkin.statusLabel.${p.status}`, { defaultValue: p.status })}</td>
            <td>{p.since ? fmt.dateTime(p.since) : ''}</td>
            <td dir="auto">{p.reason ? reasonText(p.reason) : ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot class="stamp-spacer" aria-hidden="true">
        <tr>
          <td colSpan={10} />
        </tr>
      </tfoot>
    </table>
  );
}

/** "missing: last seen at cp-3" → the status in the language on screen, the recorded note as it was written. */
function reasonText(reason: string): string {
  const [status, ...note] = reason.split(': ');
  const label = t(`checkin.statusLabel.${status}`, { defaultValue: status ?? '' });
  return note.length > 0 ? `${label}: ${note.join(': ')}` : label;
}

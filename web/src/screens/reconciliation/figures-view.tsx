// Counts only, per country pledge (a government liaison: its own country, and the cases shared with it).
import type { ReconciliationFigures } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { TotalsChart, TotalsTable } from './totals-chart.tsx';

export const countryLabel = (row: { country?: string }) =>
  row.country === 'none'
    ? t('reconciliation.noCountry')
    : t(`country.${row.country ?? ''}`, { defaultValue: row.country ?? '' });

export function FiguresView({ figures }: { figures: ReconciliationFigures }) {
  if (figures.operations.length === 0) return <p class="muted">{t('reconciliation.noFigures')}</p>;
  return (
    <>
      {figures.operations.map((op) => (
        <section class="reconciliation-section" key={op.scenario} data-testid="figures-operation">
          <h2>{op.scenario}</h2>
          <h3>{t('reconciliation.byCountry')}</h3>
          {op.by_country.length === 0 ? (
            <p class="muted">{t('reconciliation.noPledgeRow')}</p>
          ) : (
            <>
              <TotalsChart rows={op.by_country} labelOf={countryLabel} testId="figures-chart" />
              <TotalsTable rows={op.by_country} labelOf={countryLabel} testId="figures-table" />
            </>
          )}
          {op.shared_cases && op.shared_cases.length > 0 ? (
            <>
              <h3>{t('reconciliation.sharedCases')}</h3>
              <table data-testid="shared-cases">
                <thead>
                  <tr>
                    <th>{t('print.col.household')}</th>
                    <th>{t('reconciliation.col.members')}</th>
                    <th>{t('reconciliation.outcome.out')}</th>
                    <th>{t('reconciliation.outcome.in_progress')}</th>
                    <th>{t('reconciliation.outcome.not_out')}</th>
                  </tr>
                </thead>
                <tbody>
                  {op.shared_cases.map((c) => (
                    <tr key={c.case_id}>
                      <td dir="ltr">{c.household_id}</td>
                      <td>{fmt.number(c.members)}</td>
                      <td>{fmt.number(c.out)}</td>
                      <td>{fmt.number(c.in_progress)}</td>
                      <td>{fmt.number(c.not_out)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}

// A printable resettlement list for one receiving country: the households allocated to it, their members and the
// reasons for each placement, in a PrintFrame.
import { useEffect, useState } from 'preact/hooks';
import { plan } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { reasonText } from '../plan/allocation-section.tsx';
import { latinName } from '../registry/people-search.tsx';
import { householdRows, type ManifestRow } from './manifest-data.ts';
import { PrintFrame } from './print-frame.tsx';

export function CountryList({ country }: { country: string }) {
  const p = plan.value;
  const assignments = p?.allocation?.assignments?.filter((a) => a.country === country) ?? [];
  const [rows, setRows] = useState<ManifestRow[] | null>(null);
  useEffect(() => {
    if (p)
      void householdRows(
        p,
        assignments.map((a) => ({ household_id: a.household })),
      ).then(setRows);
  }, [p, country]);
  const reasonsOf = new Map(assignments.map((a) => [a.household, (a.reasons ?? []).map(reasonText).join('; ')]));
  let n = 0;
  return (
    <PrintFrame
      title={t('print.countryTitle', { country: t(`country.${country}`, { defaultValue: country }) })}
      ready={rows !== null}
    >
      {rows === null ? (
        <p class="muted">{t('print.loadingNames')}</p>
      ) : (
        <table data-testid="country-table">
          <thead>
            <tr>
              <th>{t('print.col.n')}</th>
              <th>{t('print.col.name')}</th>
              <th>{t('print.col.nameArabic')}</th>
              <th>{t('print.col.sex')}</th>
              <th>{t('print.col.birthDate')}</th>
              <th>{t('print.col.household')}</th>
              <th>{t('plan.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              (row.members.length ? row.members : [null]).map((m, i) => (
                <tr key={`${row.householdId}-${m?.person_id ?? ''}`}>
                  <td>{fmt.number(++n)}</td>
                  <td dir="ltr">{m ? latinName(m) : ''}</td>
                  <td dir="rtl" lang="ar">
                    {m?.name_arabic ?? ''}
                  </td>
                  <td>{m?.sex ? t(`sex.${m.sex.toLowerCase()}`, { defaultValue: m.sex }) : ''}</td>
                  <td>{m?.birth_date ? fmt.date(m.birth_date) : ''}</td>
                  <td dir="ltr">{row.householdId}</td>
                  <td dir="auto">{i === 0 ? reasonsOf.get(row.householdId) : ''}</td>
                </tr>
              )),
            )}
          </tbody>
          <tfoot class="stamp-spacer" aria-hidden="true">
            <tr>
              <td colSpan={7} />
            </tr>
          </tfoot>
        </table>
      )}
    </PrintFrame>
  );
}

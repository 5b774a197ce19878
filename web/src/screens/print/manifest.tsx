// One printable manifest: sensitivity, plan time and data age, watermark with who printed it and when, on every page.
import { useEffect, useState } from 'preact/hooks';
import { plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf } from '../../state/router.ts';
import { session } from '../../state/session.ts';
import { Level } from '../registry/household-detail.tsx';
import { latinName } from '../registry/people-search.tsx';
import { type ManifestRow, manifestRows } from './manifest-data.ts';

export function Manifest({ assemblyPoint }: { assemblyPoint: string }) {
  const s = scenario.value!;
  const p = plan.value;
  const [rows, setRows] = useState<ManifestRow[] | null>(null);
  // The moment the page was opened for printing: stamped on every page.
  const [printedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (p) void manifestRows(p, assemblyPoint).then(setRows);
  }, [p, assemblyPoint]);
  const place = s.places.find((pl) => pl.place_id === assemblyPoint);
  const situationAt = p?.routing?.situation_as_of ?? s.start_time;
  const user = session.value?.user.username ?? '';
  const stamp = (
    <>
      {t('print.printedBy', { user, time: fmt.dateTime(printedAt) })} · {t('print.planTime', { time: fmt.dateTime(situationAt) })} ·{' '}
      {t('print.dataAge', { age: fmt.age(situationAt, new Date(printedAt)) })}
    </>
  );
  const people = rows?.reduce((n, r) => n + Math.max(r.members.length, 1), 0) ?? 0;
  let n = 0;
  return (
    <div class="manifest" data-testid="manifest">
      <div class="print-controls no-print">
        <a href={hrefOf('print')}>{t('print.back')}</a>{' '}
        <button type="button" class="primary" onClick={() => window.print()} disabled={!rows}>
          {t('print.print')}
        </button>
      </div>
      <div class="watermark" aria-hidden="true">
        {t('print.printedBy', { user, time: fmt.dateTime(printedAt) })}
      </div>
      <p class="sensitivity">{t('print.sensitivity')}</p>
      <h1>{t('print.manifestTitle', { place: place ? localName(place) : assemblyPoint })}</h1>
      <p class="stamp">{stamp}</p>
      <p class="stamp">
        {t('print.assumptions')} {t('print.noMoney')}
      </p>
      {rows === null ? (
        <p class="muted">{t('print.loadingNames')}</p>
      ) : (
        <table data-testid="manifest-table">
          <thead>
            <tr>
              <th>{t('print.col.n')}</th>
              <th>{t('print.col.name')}</th>
              <th>{t('print.col.nameArabic')}</th>
              <th>{t('print.col.sex')}</th>
              <th>{t('print.col.birthDate')}</th>
              <th>{t('print.col.household')}</th>
              <th>{t('print.col.level')}</th>
              <th class="boarded">{t('print.col.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              (row.members.length ? row.members : [null]).map((m) => (
                <tr key={`${row.householdId}-${m?.person_id ?? ''}`}>
                  <td>{fmt.number(++n)}</td>
                  <td dir="ltr">{m ? latinName(m) : ''}</td>
                  <td dir="rtl" lang="ar">
                    {m?.name_arabic ?? ''}
                  </td>
                  <td>{m?.sex ?? ''}</td>
                  <td>{m?.birth_date ? fmt.date(m.birth_date) : ''}</td>
                  <td dir="ltr">{row.householdId}</td>
                  <td>{row.level ? <Level level={row.level} /> : null}</td>
                  <td class="boarded">☐</td>
                </tr>
              )),
            )}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={8}>
                {t('print.totals', { people: fmt.number(people), households: fmt.number(rows.length) })}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <div class="page-stamp">{stamp}</div>
    </div>
  );
}

// One printable manifest of an assembly point or a convoy: its people, most urgent household first, in a PrintFrame.
import { useEffect, useState } from 'preact/hooks';
import type { Convoy } from '../../api/types.ts';
import { plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { Level } from '../registry/household-detail.tsx';
import { latinName } from '../registry/people-search.tsx';
import { ConvoyLine } from './convoy-line.tsx';
import { type ManifestRow, manifestRows } from './manifest-data.ts';
import { PrintFrame } from './print-frame.tsx';

export function Manifest({ assemblyPoint, convoy }: { assemblyPoint: string; convoy?: Convoy | undefined }) {
  const s = scenario.value!;
  const p = plan.value;
  const [rows, setRows] = useState<ManifestRow[] | null>(null);
  useEffect(() => {
    if (p) void manifestRows(p, assemblyPoint, convoy).then(setRows);
  }, [p, assemblyPoint, convoy]);
  const place = s.places.find((pl) => pl.place_id === assemblyPoint);
  const people = rows?.reduce((n, r) => n + Math.max(r.members.length, 1), 0) ?? 0;
  let n = 0;
  return (
    <PrintFrame
      title={t('print.manifestTitle', { place: place ? localName(place) : assemblyPoint })}
      ready={rows !== null}
    >
      {convoy ? <ConvoyLine convoy={convoy} /> : null}
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
                  <td>{m?.sex ? t(`sex.${m.sex.toLowerCase()}`, { defaultValue: m.sex }) : ''}</td>
                  <td>{m?.birth_date ? fmt.date(m.birth_date) : ''}</td>
                  <td dir="ltr">{row.householdId}</td>
                  <td>{row.level ? <Level level={row.level} /> : null}</td>
                  <td class="boarded">☐</td>
                </tr>
              )),
            )}
          </tbody>
          {/* Repeats at the foot of every printed page, keeping the rows clear of the fixed page stamp. */}
          <tfoot class="stamp-spacer" aria-hidden="true">
            <tr>
              <td colSpan={8} />
            </tr>
          </tfoot>
        </table>
      )}
      {rows ? (
        <p class="totals">{t('print.totals', { people: fmt.number(people), households: fmt.number(rows.length) })}</p>
      ) : null}
    </PrintFrame>
  );
}

// A small bar chart per exit or country pledge: planned, out and missing side by side (plain SVG, no chart library).
import type { ReconciliationTotals } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

const BAR_HEIGHT = 10;
const WIDTH = 240;
/** The three bars of a row, in the order the legend names them. */
const SERIES = [
  { key: 'planned', className: 'bar-planned' },
  { key: 'crossed', className: 'bar-out' },
  { key: 'missing', className: 'bar-missing' },
] as const;

interface Props {
  readonly rows: readonly ReconciliationTotals[];
  readonly labelOf: (row: ReconciliationTotals) => string;
  readonly testId: string;
}

/** Bars are scaled to the largest count of the chart; the numbers stand beside them (the bars carry no text, so RTL only mirrors them). */
export function TotalsChart({ rows, labelOf, testId }: Props) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.planned, r.crossed, r.missing]));
  return (
    <div class="totals-chart" data-testid={testId}>
      <p class="chart-legend">
        {SERIES.map((s) => (
          <span key={s.key} class={`legend-${s.className}`}>
            {t(`reconciliation.series.${s.key}`)}
          </span>
        ))}
      </p>
      {rows.map((row) => (
        <div class="chart-row" key={labelOf(row)}>
          <span class="chart-label">{labelOf(row)}</span>
          <svg
            class="chart-bars"
            viewBox={`0 0 ${WIDTH} ${BAR_HEIGHT * 3 + 4}`}
            role="img"
            aria-label={SERIES.map((s) => `${t(`reconciliation.series.${s.key}`)} ${row[s.key]}`).join(', ')}
          >
            {SERIES.map((s, i) => (
              <rect
                key={s.key}
                class={s.className}
                x={0}
                y={i * (BAR_HEIGHT + 2)}
                width={(row[s.key] / max) * WIDTH}
                height={BAR_HEIGHT}
              />
            ))}
          </svg>
          <span class="chart-numbers">{SERIES.map((s) => fmt.number(row[s.key])).join(' / ')}</span>
        </div>
      ))}
    </div>
  );
}

/** The same rows as numbers: every column of the totals, for the printed record. */
export function TotalsTable({ rows, labelOf, testId }: Props) {
  const columns = ['planned', 'crossed', 'arrived', 'missing', 'detained', 'turned_back', 'declined', 'other'] as const;
  return (
    <table class="totals-table" data-testid={testId}>
      <thead>
        <tr>
          <th />
          {columns.map((c) => (
            <th key={c}>{t(`reconciliation.series.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={labelOf(row)}>
            <th scope="row">{labelOf(row)}</th>
            {columns.map((c) => (
              <td key={c} data-column={c}>
                {fmt.number(row[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

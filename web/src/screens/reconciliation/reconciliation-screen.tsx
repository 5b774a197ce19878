// Reconciliation (#/reconciliation): totals per exit and pledge, the unaccounted for with the reason, then everyone —
// printable. Roles that may not read the per-person reconciliation (a liaison, a viewer) get the counts-only figures.
import '../../styles/reconciliation.css';
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { ReconciliationFigures, ReconciliationReport } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { exitName as exitNameOf, fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { session } from '../../state/session.ts';
import { countryLabel, FiguresView } from './figures-view.tsx';
import { PersonTable } from './person-table.tsx';
import { byHousehold, matchesFilter, NO_FILTER, type PersonFilter, unaccountedFor } from './reconciliation-data.ts';
import { ReconciliationFrame } from './reconciliation-frame.tsx';
import { TotalsChart, TotalsTable } from './totals-chart.tsx';

/** The roles the policy lets read the per-person reconciliation (reconciliation.read). */
const READS_PERSONS = new Set(['administrator', 'coordinator', 'field_officer']);

export function ReconciliationScreen() {
  return READS_PERSONS.has(session.value?.user.role ?? '') ? <FullReconciliation /> : <FiguresOnly />;
}

function FiguresOnly() {
  const [figures, setFigures] = useState<ReconciliationFigures | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void api<ReconciliationFigures>('/api/reconciliation/figures').then((r) =>
      r.ok ? setFigures(r.value) : setProblem(r.problem),
    );
  }, []);
  return (
    <ReconciliationFrame title={t('reconciliation.figuresTitle')} sensitivity="figures" ready={figures !== null}>
      <p class="muted no-print">{t('reconciliation.figuresIntro')}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {figures ? <FiguresView figures={figures} /> : problem ? null : <p class="muted">{t('app.loading')}</p>}
    </ReconciliationFrame>
  );
}

function FullReconciliation() {
  const [report, setReport] = useState<ReconciliationReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [filter, setFilter] = useState<PersonFilter>(NO_FILTER);
  useEffect(() => {
    void api<ReconciliationReport>('/api/reconciliation').then((r) =>
      r.ok ? setReport(r.value) : setProblem(r.problem),
    );
  }, []);
  const exitName = (id: string) => (id === 'unplanned' ? t('reconciliation.unplanned') : exitNameOf(id));
  const persons = report?.persons ?? [];
  const shown = persons.filter((p) => matchesFilter(p, filter));
  const set = (change: Partial<PersonFilter>) => setFilter({ ...filter, ...change });
  const counts = { out: 0, in_progress: 0, not_out: 0 };
  for (const p of persons) counts[p.outcome] += 1;

  const controls = report ? (
    <span class="reconciliation-filters">
      <label>
        {t('reconciliation.filter.outcome')}{' '}
        <select
          data-testid="filter-outcome"
          value={filter.outcome}
          onChange={(e) => set({ outcome: (e.target as HTMLSelectElement).value as PersonFilter['outcome'] })}
        >
          <option value="all">{t('reconciliation.filter.all')}</option>
          {(['not_out', 'in_progress', 'out'] as const).map((o) => (
            <option key={o} value={o}>
              {t(`reconciliation.outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('reconciliation.filter.exit')}{' '}
        <select value={filter.exit} onChange={(e) => set({ exit: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('reconciliation.filter.all')}</option>
          {report.by_exit
            .filter((row) => row.exit !== 'unplanned')
            .map((row) => (
              <option key={row.exit} value={row.exit}>
                {exitName(row.exit ?? '')}
              </option>
            ))}
        </select>
      </label>{' '}
      <label>
        {t('reconciliation.filter.country')}{' '}
        <select value={filter.country} onChange={(e) => set({ country: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('reconciliation.filter.all')}</option>
          {report.by_country.map((row) => (
            <option key={row.country} value={row.country}>
              {countryLabel(row)}
            </option>
          ))}
        </select>
      </label>{' '}
      <input
        type="search"
        data-testid="filter-text"
        placeholder={t('reconciliation.filter.text')}
        value={filter.text}
        onInput={(e) => set({ text: (e.target as HTMLInputElement).value })}
      />{' '}
      <button type="button" onClick={() => void downloadCsv().then((p) => setProblem(p))} data-testid="download-csv">
        {t('reconciliation.csv')}
      </button>
    </span>
  ) : null;

  return (
    <ReconciliationFrame
      title={t('reconciliation.title', { scenario: report?.scenario ?? '' })}
      sensitivity="persons"
      ready={report !== null}
      controls={controls}
    >
      {problem ? <ProblemMessage problem={problem} /> : null}
      {!report ? (
        problem ? null : (
          <p class="muted">{t('app.loading')}</p>
        )
      ) : (
        <>
          <section class="reconciliation-section" data-testid="reconciliation-totals">
            <h2>{t('reconciliation.totals')}</h2>
            <p data-testid="reconciliation-summary">
              {t('reconciliation.summary', {
                total: fmt.number(persons.length),
                out: fmt.number(counts.out),
                inProgress: fmt.number(counts.in_progress),
                notOut: fmt.number(counts.not_out),
              })}
            </p>
            {report.has_plan ? null : <p class="muted">{t('reconciliation.noPlan')}</p>}
            <h3>{t('reconciliation.byExit')}</h3>
            <TotalsChart rows={report.by_exit} labelOf={(r) => exitName(r.exit ?? '')} testId="exit-chart" />
            <TotalsTable rows={report.by_exit} labelOf={(r) => exitName(r.exit ?? '')} testId="exit-totals" />
            <h3>{t('reconciliation.byCountry')}</h3>
            <TotalsChart rows={report.by_country} labelOf={countryLabel} testId="country-chart" />
            <TotalsTable rows={report.by_country} labelOf={countryLabel} testId="country-totals" />
          </section>
          <section class="reconciliation-section" data-testid="reconciliation-unaccounted">
            <h2>{t('reconciliation.unaccounted', { n: fmt.number(unaccountedFor(shown).length) })}</h2>
            <PersonTable persons={unaccountedFor(shown)} exitName={exitName} testId="unaccounted-table" />
          </section>
          <section class="reconciliation-section" data-testid="reconciliation-everyone">
            <h2>{t('reconciliation.everyone', { n: fmt.number(shown.length) })}</h2>
            <PersonTable persons={[...shown].sort(byHousehold)} exitName={exitName} testId="everyone-table" />
          </section>
        </>
      )}
    </ReconciliationFrame>
  );
}

/** The archive CSV through the same bearer token (a plain link would carry no Authorization header). */
async function downloadCsv(): Promise<Problem | null> {
  const token = session.value?.token;
  let response: Response;
  try {
    response = await fetch('/api/reconciliation.csv', { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    return { code: 'network', status: 0 };
  }
  if (!response.ok)
    return { code: response.status === 403 ? 'forbidden' : `http-${response.status}`, status: response.status };
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'reconciliation.csv';
  link.click();
  URL.revokeObjectURL(url);
  return null;
}

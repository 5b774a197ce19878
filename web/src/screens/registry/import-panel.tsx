// Import a people list (POST /api/import): all rows or none; problems listed as file:row:column.
import { useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { ImportIssue } from '../../api/types.ts';
import { IssueList, ProblemMessage } from '../../components/problem-message.tsx';
import { reloadScenario } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

interface ImportReport {
  readonly issues: readonly ImportIssue[];
  readonly written: number;
}

export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [dateOrder, setDateOrder] = useState<'dmy' | 'mdy'>('dmy');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setReport(null);
    setProblem(null);
    const xlsx = file.name.toLowerCase().endsWith('.xlsx');
    const body = xlsx ? await file.arrayBuffer() : await file.text();
    const result = await api<ImportReport>(
      `/api/import?file=${encodeURIComponent(file.name)}&date_order=${dateOrder}`,
      {
        method: 'POST',
        body,
        contentType: xlsx
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      },
    );
    setBusy(false);
    if (result.ok) {
      setReport(result.value);
      void reloadScenario();
    } else setProblem(result.problem);
  };

  return (
    <section class="card" data-testid="import-panel">
      <h3>{t('registry.import.title')}</h3>
      <form onSubmit={submit}>
        {/* The native file button speaks the browser's language, not the app's: hidden behind our own label. */}
        <span class="field-label">{t('registry.import.file')}</span>
        <label class="file-picker">
          <input
            type="file"
            name="file"
            class="visually-hidden"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            required
          />
          <span class="button">{t('registry.import.choose')}</span>
          <span dir="auto">{file ? file.name : t('registry.import.noFile')}</span>
        </label>
        <label>
          {t('registry.import.dateOrder')}
          <select value={dateOrder} onChange={(e) => setDateOrder(e.currentTarget.value as 'dmy' | 'mdy')}>
            <option value="dmy">{t('registry.import.dmy')}</option>
            <option value="mdy">{t('registry.import.mdy')}</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy || !file}>
          {busy ? t('registry.import.busy') : t('registry.import.submit')}
        </button>
      </form>
      {report ? (
        <div class="notice" data-testid="import-report">
          <p>{t('registry.import.written', { n: fmt.number(report.written), count: report.written })}</p>
          {report.issues.length ? <IssueList issues={report.issues} /> : null}
        </div>
      ) : null}
      {problem ? (
        <div data-testid="import-problem">
          <ProblemMessage problem={problem} />
          {problem.issues?.length ? (
            <p class="muted">
              {t('registry.import.notWritten')}{' '}
              {t('registry.import.issues', { n: fmt.number(problem.issues.length), count: problem.issues.length })}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

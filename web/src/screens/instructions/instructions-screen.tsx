// Instructions (#/instructions): issue or re-issue from the plan, who has been told (filters), record sent /
// acknowledged / refused, and the exports (SMS CSV, Signal text, printable slips at #/instructions/slips).
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { InstructionsIssued, InstructionsView } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf, location } from '../../state/router.ts';
import { session } from '../../state/session.ts';
import { exportText, saveFile } from './instruction-exports.ts';
import { type Channel, type Filter, InstructionsTable } from './instructions-table.tsx';
import { shownTotals } from './shown-state.ts';
import { SlipsPrint } from './slips-print.tsx';
import './instructions.css';

/**
 * The issue's answer; `notices`: the withdrawn households told before, who are sent "do not come"; a changed household
 * with `reason: 'code-spent'` is told again only for a new pickup code (its old one was used, and it is no longer at
 * the assembly point).
 */
type Issued = InstructionsIssued & { readonly notices?: readonly string[] };

export function InstructionsScreen() {
  const [section, option] = location.value.rest;
  if (section === 'slips') return <SlipsPrint onlyUntold={option === 'untold'} />;
  return <InstructionsOverview />;
}

function InstructionsOverview() {
  const [view, setView] = useState<InstructionsView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [channel, setChannel] = useState<Channel>('sms');
  const [onlyUntold, setOnlyUntold] = useState(false);
  const [signal, setSignal] = useState<string | null>(null);
  const role = session.value?.user.role;
  // Issuing and exporting hand out the codes: the coordinators' (the server's policy decides; this hides the buttons).
  const coordinates = role === 'administrator' || role === 'coordinator';

  const refresh = async () => {
    const r = await api<InstructionsView>('/api/instructions');
    if (r.ok) setView(r.value);
    setProblem(r.ok ? null : r.problem);
  };
  useEffect(() => {
    void refresh();
  }, []);

  const issue = async () => {
    setBusy(true);
    const r = await api<Issued>('/api/instructions/issue', { method: 'POST', body: {} });
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setIssued(r.value);
    await refresh();
  };
  const record = async (householdId: string, state: 'sent' | 'acknowledged' | 'refused') => {
    const r = await api('/api/instructions/delivery', {
      method: 'POST',
      body: { household_id: householdId, state, channel, at: new Date().toISOString() },
    });
    if (!r.ok) return setProblem(r.problem);
    await refresh();
  };
  const download = async (which: 'sms' | 'signal') => {
    const r = await exportText(which, onlyUntold);
    if (!r.ok) return setProblem(r.problem);
    if (which === 'sms') saveFile('sms.csv', r.value, 'text/csv');
    else setSignal(r.value);
  };

  return (
    <div class="instructions" data-testid="instructions-screen">
      <h2>{t('instructions.title')}</h2>
      <p class="muted">{t('instructions.intro')}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {coordinates ? (
        <section class="card">
          <button type="button" class="primary" disabled={busy} onClick={() => void issue()} data-testid="issue">
            {busy ? t('instructions.issuing') : view?.last_issue ? t('instructions.reissue') : t('instructions.issue')}
          </button>{' '}
          {view?.last_issue ? (
            <span class="muted">{t('instructions.lastIssue', { time: fmt.dateTime(view.last_issue.issued_at) })}</span>
          ) : null}
          {issued ? <IssueSummary issued={issued} /> : null}
        </section>
      ) : null}
      {view ? (
        <>
          <section class="card instruction-totals">
            <p>
              <strong data-testid="not-yet-told">
                {t('instructions.notYetTold', { n: fmt.number(view.not_yet_told.length) })}
              </strong>
            </p>
            <ul class="state-counts">
              {shownTotals(view).map(([state, n]) => (
                <li key={state} class={`state state-${state}`}>
                  {t(`instructions.state.${state}`)}: {fmt.number(n)}
                </li>
              ))}
            </ul>
          </section>
          {coordinates ? (
            <section class="card instruction-exports">
              <h3>{t('instructions.exports.title')}</h3>
              <label class="row">
                <input
                  type="checkbox"
                  checked={onlyUntold}
                  onChange={(e) => setOnlyUntold((e.target as HTMLInputElement).checked)}
                />{' '}
                {t('instructions.exports.onlyUntold')}
              </label>{' '}
              <button type="button" onClick={() => void download('sms')} data-testid="export-sms">
                {t('instructions.exports.sms')}
              </button>{' '}
              <button type="button" onClick={() => void download('signal')} data-testid="export-signal">
                {t('instructions.exports.signal')}
              </button>{' '}
              <a href={hrefOf('instructions', 'slips', ...(onlyUntold ? ['untold'] : []))} data-testid="export-slips">
                {t('instructions.exports.slips')}
              </a>
              {signal !== null ? (
                <div class="signal-text">
                  <p class="muted">{t('instructions.exports.signalHint')}</p>
                  <textarea readOnly rows={12} dir="auto" value={signal} data-testid="signal-text" />
                </div>
              ) : null}
            </section>
          ) : null}
          <InstructionsTable
            view={view}
            filter={filter}
            onFilter={setFilter}
            channel={channel}
            onChannel={setChannel}
            onRecord={(id, state) => void record(id, state)}
          />
        </>
      ) : problem ? null : (
        <p class="muted">{t('app.loading')}</p>
      )}
    </div>
  );
}

/**
 * What the last issue did: new, changed (and in what), a new code only (the old one spent), quiet, withdrawn,
 * unchanged; and how many to send now.
 */
function IssueSummary({ issued }: { issued: Issued }) {
  const changed = issued.changed.filter((c) => c.reason !== 'code-spent');
  const codeSpent = issued.changed.filter((c) => c.reason === 'code-spent').map((c) => c.household_id);
  const lines: [string, number, string?][] = [
    ['added', issued.added.length, issued.added.join(', ')],
    [
      'changed',
      changed.length,
      changed
        .map((c) => `${c.household_id} (${c.fields.map((f) => t(`instructions.field.${f}`)).join(', ')})`)
        .join(', '),
    ],
    ['codeSpent', codeSpent.length, codeSpent.join(', ')],
    ['quiet', issued.quiet.length],
    ['withdrawn', issued.withdrawn.length, issued.withdrawn.join(', ')],
    ['notices', issued.notices?.length ?? 0, issued.notices?.join(', ') ?? ''],
    ['unchanged', issued.unchanged],
    ['underWay', issued.under_way.length, issued.under_way.join(', ')],
    ['unscheduled', issued.unscheduled.length],
  ];
  return (
    <div class="issue-summary" data-testid="issue-summary" role="status">
      <p>
        <strong>{t('instructions.summary.toSend', { n: fmt.number(issued.to_send) })}</strong>
      </p>
      <ul>
        {lines
          .filter(([, n]) => n > 0)
          .map(([key, n, ids]) => (
            <li key={key} data-line={key}>
              {t(`instructions.summary.${key}`, { n: fmt.number(n) })}
              {ids ? (
                <span class="muted" dir="ltr">
                  {' '}
                  — {ids}
                </span>
              ) : null}
            </li>
          ))}
      </ul>
    </div>
  );
}

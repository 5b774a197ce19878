// The field report form → POST /api/situation/reports; the returned plan replaces the current one (the map follows).
import { useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { Plan, SituationChanges } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { plan, reloadScenario, scenario } from '../../state/data.ts';
import { t } from '../../state/language.ts';
import { localInputOf, offsetOf } from '../../state/time-input.ts';
import { checkpointsAsPlanned } from '../map/map-data.ts';

export interface ReportOutcome {
  readonly checkpointId: string;
  readonly newStatus: string;
  readonly changes: SituationChanges;
}

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
const STATUSES = ['closed', 'open', 'unknown'] as const;

export function ReportForm({ onDone }: { onDone: (outcome: ReportOutcome) => void }) {
  const s = scenario.value!;
  const [checkpoint, setCheckpoint] = useState(s.checkpoints[0]?.id ?? '');
  const [status, setStatus] = useState<string>('closed');
  // Default: the plan's situation time. A report observed later is kept as a re-planning event, not applied now.
  const [observed, setObserved] = useState(() =>
    localInputOf(plan.value?.routing?.situation_as_of ?? s.start_time, offsetOf(s.start_time)),
  );
  const [source, setSource] = useState('');
  const [reliability, setReliability] = useState('B');
  const [credibility, setCredibility] = useState(2);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(false);
    const body = {
      target_kind: 'checkpoint',
      target_id: checkpoint,
      new_status: status,
      observed_at: `${observed}${offsetOf(s.start_time)}`,
      source,
      reliability,
      credibility,
      ...(notes ? { notes } : {}),
    };
    const result = await api<{ plan: Plan; changes: SituationChanges }>('/api/situation/reports', {
      method: 'POST',
      body,
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    plan.value = result.value.plan;
    void reloadScenario();
    setSaved(true);
    onDone({ checkpointId: checkpoint, newStatus: status, changes: result.value.changes });
  };

  return (
    <form class="card" onSubmit={submit} data-testid="report-form">
      <h3>{t('situation.addReport')}</h3>
      <label>
        {t('situation.checkpoint')}
        <select name="checkpoint" value={checkpoint} onChange={(e) => setCheckpoint(e.currentTarget.value)}>
          {checkpointsAsPlanned(s, plan.value).map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} — {c.name} ({t(`status.${c.status}`)})
            </option>
          ))}
        </select>
      </label>
      <div class="form-grid">
        <label>
          {t('situation.newStatus')}
          <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`status.${st}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('situation.observedAt')}
          <input
            type="datetime-local"
            name="observed_at"
            value={observed}
            onInput={(e) => setObserved(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('situation.reliability')}
          <select name="reliability" value={reliability} onChange={(e) => setReliability(e.currentTarget.value)}>
            {RELIABILITY.map((r) => (
              <option key={r} value={r}>
                {t(`situation.reliabilityScale.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('situation.credibility')}
          <select
            name="credibility"
            value={String(credibility)}
            onChange={(e) => setCredibility(Number(e.currentTarget.value))}
          >
            {CREDIBILITY.map((c) => (
              <option key={c} value={String(c)}>
                {t(`situation.credibilityScale.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('situation.source')}
        <input name="source" dir="auto" value={source} onInput={(e) => setSource(e.currentTarget.value)} required />
      </label>
      <label>
        {t('situation.notes')}
        <textarea name="notes" dir="auto" rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </label>
      <p class="muted">{t('situation.loneF6')}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {saved ? <p class="notice">{t('situation.saved')}</p> : null}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('situation.busy') : t('situation.submit')}
      </button>
    </form>
  );
}

// Plan: what it leaves out, summary, exits and windows, triage counts, and — when the plan has them — schedule and
// allocation.
import { useState } from 'preact/hooks';
import { PlanMissing } from '../../components/plan-missing.tsx';
import { plan, planProblem, rerunPlan } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { AllocationSection } from './allocation-section.tsx';
import { ExitTable } from './exit-table.tsx';
import { PlanWarnings } from './plan-warnings.tsx';
import { ScheduleSection } from './schedule-section.tsx';
import { TriageCounts } from './triage-counts.tsx';

export function PlanScreen() {
  const p = plan.value;
  const [busy, setBusy] = useState(false);
  const rerun = async () => {
    setBusy(true);
    await rerunPlan();
    setBusy(false);
  };
  return (
    <div class="plan">
      <h2>{t('plan.title')}</h2>
      {planProblem.value ? (
        <PlanMissing />
      ) : (
        <p>
          <button type="button" onClick={() => void rerun()} disabled={busy}>
            {busy ? t('plan.running') : t('plan.rerun')}
          </button>
        </p>
      )}
      {p ? (
        <>
          <PlanWarnings warnings={p.warnings} />
          {p.summary ? (
            <p class="muted" data-testid="plan-summary">
              {t('plan.summary', {
                people: fmt.number(p.summary.people ?? 0),
                households: fmt.number(p.summary.households ?? 0),
                checkpoints: fmt.number(p.summary.checkpoints ?? 0),
                closed: fmt.number(p.summary.checkpointsClosed ?? 0),
                seats: fmt.number(p.summary.seats ?? 0),
              })}
            </p>
          ) : null}
          {p.stages ? (
            <p class="muted">
              {t('plan.stages', { stages: fmt.list(p.stages.map((s) => t(`plan.stage.${s}`, { defaultValue: s }))) })}
            </p>
          ) : null}
          <ScheduleSection schedule={p.schedule} />
          <ExitTable exits={p.exits ?? []} />
          <TriageCounts plan={p} />
          <AllocationSection allocation={p.allocation} />
        </>
      ) : null}
    </div>
  );
}

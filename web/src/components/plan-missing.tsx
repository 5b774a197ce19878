// Shown where the plan is needed but the server has none yet (`no-plan`): the reason and a button to run it.
import { useState } from 'preact/hooks';
import { planProblem, rerunPlan } from '../state/data.ts';
import { t } from '../state/language.ts';
import { ProblemMessage } from './problem-message.tsx';

export function PlanMissing() {
  const [busy, setBusy] = useState(false);
  const problem = planProblem.value;
  if (!problem) return null;
  return (
    <div data-testid="plan-missing">
      <ProblemMessage problem={problem} />
      <button
        type="button"
        class="primary"
        disabled={busy}
        data-testid="run-plan"
        onClick={async () => {
          setBusy(true);
          await rerunPlan();
          setBusy(false);
        }}
      >
        {busy ? t('plan.running') : t('plan.rerun')}
      </button>
    </div>
  );
}

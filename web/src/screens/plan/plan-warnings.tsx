// What the plan leaves out, above everything else on the plan screen: a full plan ignores the recorded check-ins,
// and a coordinator must not send families a plan that forgets who is already out.
import type { PlanWarning } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf } from '../../state/router.ts';

/** The plan's warnings the screen knows how to say; an unknown kind is skipped (an older app on a newer server). */
export function PlanWarnings({ warnings }: { warnings: readonly PlanWarning[] | undefined }) {
  const ignored = (warnings ?? []).filter((w) => w.kind === 'status-ignored');
  if (ignored.length === 0) return null;
  return (
    <div class="problem" role="alert" data-testid="plan-warnings">
      {ignored.map((w) => (
        <p key={w.kind} data-testid="plan-warning" data-kind={w.kind}>
          {t('plan.statusIgnored', { events: fmt.number(w.events ?? 0) })}{' '}
          <a href={hrefOf('live')}>{t('plan.statusIgnoredLink')}</a>
        </p>
      ))}
    </div>
  );
}

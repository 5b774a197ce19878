// What every printed list carries: controls (screen only), sensitivity, the watermark and the page stamp with who
// printed it and when, the plan's situation time and the data age — on every page.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { plan, scenario } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf } from '../../state/router.ts';
import { session } from '../../state/session.ts';

interface Props {
  readonly title: string;
  readonly ready: boolean;
  readonly children: ComponentChildren;
}

export function PrintFrame({ title, ready, children }: Props) {
  // The moment the page was opened for printing: stamped on every page.
  const [printedAt] = useState(() => new Date().toISOString());
  const situationAt = plan.value?.routing?.situation_as_of ?? scenario.value?.start_time ?? printedAt;
  const user = session.value?.user.username ?? '';
  const printedBy = t('print.printedBy', { user, time: fmt.dateTime(printedAt) });
  const stamp = [
    printedBy,
    t('print.planTime', { time: fmt.dateTime(situationAt) }),
    t('print.dataAge', { age: fmt.age(situationAt, new Date(printedAt)) }),
  ].join(' · ');
  return (
    <div class="manifest" data-testid="manifest">
      <div class="print-controls no-print">
        <a href={hrefOf('print')}>{t('print.back')}</a>{' '}
        <button type="button" class="primary" onClick={() => window.print()} disabled={!ready}>
          {t('print.print')}
        </button>
      </div>
      <div class="watermark" aria-hidden="true">
        {printedBy}
      </div>
      <p class="sensitivity">{t('print.sensitivity')}</p>
      <h1>{title}</h1>
      <p class="stamp">{stamp}</p>
      {children}
      <div class="page-stamp">{stamp}</div>
    </div>
  );
}

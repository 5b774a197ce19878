// The printed reconciliation's frame: controls (screen only), sensitivity, watermark, and "printed by … at …" on every page.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { session } from '../../state/session.ts';

interface Props {
  readonly title: string;
  /** 'persons': strictly confidential (names); 'figures': counts only, restricted. */
  readonly sensitivity: 'persons' | 'figures';
  readonly ready: boolean;
  readonly controls?: ComponentChildren;
  readonly children: ComponentChildren;
}

export function ReconciliationFrame({ title, sensitivity, ready, controls, children }: Props) {
  // The moment the page was opened: the footer of every printed page says who printed it and when.
  const [printedAt] = useState(() => new Date().toISOString());
  const printedBy = t('print.printedBy', { user: session.value?.user.username ?? '', time: fmt.dateTime(printedAt) });
  return (
    <div class="manifest reconciliation" data-testid="reconciliation">
      <div class="print-controls no-print">
        {controls}{' '}
        <button type="button" class="primary" onClick={() => window.print()} disabled={!ready} data-testid="print">
          {t('print.print')}
        </button>
      </div>
      <div class="watermark" aria-hidden="true">
        {printedBy}
      </div>
      <p class="sensitivity">{t(`reconciliation.sensitivity.${sensitivity}`)}</p>
      <h1>{title}</h1>
      <p class="stamp">{printedBy}</p>
      {children}
      <div class="page-stamp" data-testid="page-stamp">
        {printedBy}
      </div>
    </div>
  );
}

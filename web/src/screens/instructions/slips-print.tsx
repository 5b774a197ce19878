// Printable slips (#/instructions/slips): one per household, both languages, cut lines, the watermark on every
// slip; the household reference only on the stub the officer keeps. The texts are the server's (as slips.html),
// "do not come" notices among them for households withdrawn after they were told.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf } from '../../state/router.ts';
import { session } from '../../state/session.ts';

interface Slips {
  readonly slips: readonly {
    household_id: string;
    language: string;
    /** A "do not come" notice, not an instruction. */
    withdrawal?: boolean;
    texts: readonly { lang: string; text: string }[];
  }[];
  readonly withdrawn: readonly string[];
}

export function SlipsPrint({ onlyUntold }: { onlyUntold: boolean }) {
  const [slips, setSlips] = useState<Slips | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The moment the slips were opened for printing: on every slip.
  const [printedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    void api<Slips>(`/api/instructions/export?channel=slips&format=json${onlyUntold ? '&only=untold' : ''}`).then(
      (r) => (r.ok ? setSlips(r.value) : setProblem(r.problem)),
    );
  }, [onlyUntold]);
  const mark = t('instructions.slips.printedBy', {
    user: session.value?.user.username ?? '',
    time: fmt.dateTime(printedAt),
  });
  return (
    <div class="manifest slips" data-testid="slips">
      <div class="print-controls no-print">
        <a href={hrefOf('instructions')}>{t('instructions.slips.back')}</a>{' '}
        <button type="button" class="primary" onClick={() => window.print()} disabled={!slips}>
          {t('instructions.slips.print')}
        </button>
      </div>
      <div class="watermark" aria-hidden="true">
        {mark}
      </div>
      <p class="sensitivity">{t('instructions.slips.sensitivity')}</p>
      <h1>{t('instructions.slips.title', { n: fmt.number(slips?.slips.length ?? 0) })}</h1>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {slips?.withdrawn.length ? (
        <p class="no-print">{t('instructions.slips.withdrawn', { ids: slips.withdrawn.join(', ') })}</p>
      ) : null}
      {slips?.slips.map((s) => (
        <section
          class="slip"
          key={s.household_id}
          data-testid="slip"
          data-withdrawal={s.withdrawal ? 'true' : undefined}
        >
          <div class="stub">{t('instructions.slips.stub', { household: s.household_id, mark })}</div>
          {[...s.texts]
            .sort((a, b) => Number(b.lang === s.language) - Number(a.lang === s.language))
            .map((text) => (
              <p key={text.lang} lang={text.lang} dir={text.lang === 'ar' ? 'rtl' : 'ltr'}>
                {text.text}
              </p>
            ))}
          <div class="slip-mark">{mark}</div>
        </section>
      ))}
    </div>
  );
}

// The time slider: pick a moment of the schedule and see where the convoys are and how many people are out.
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import type { ConvoyCounts } from './convoys-at.ts';
import { selectedTime } from './selection.ts';

interface Props {
  readonly span: { from: number; to: number; stepMs: number };
  readonly counts: ConvoyCounts | null;
}

export function ConvoyTimeline({ span, counts }: Props) {
  const at = selectedTime.value;
  return (
    <section class="timeline" data-testid="convoy-timeline">
      <h3>{t('map.convoys')}</h3>
      <label class="row">
        <input
          type="checkbox"
          checked={at !== null}
          onChange={(e) => (selectedTime.value = e.currentTarget.checked ? span.from : null)}
        />
        {t('map.showConvoys')}
      </label>
      {at !== null ? (
        <>
          <input
            type="range"
            aria-label={t('map.time')}
            min={span.from}
            max={span.to}
            step={span.stepMs}
            value={at}
            onInput={(e) => (selectedTime.value = Number(e.currentTarget.value))}
          />
          <p>
            <strong>{fmt.dateTime(new Date(at).toISOString())}</strong>
          </p>
          {counts ? (
            <p class="muted">
              {t('map.convoyCounts', {
                boarding: fmt.number(counts.boarding),
                moving: fmt.number(counts.moving),
                atExit: fmt.number(counts.atExit),
                out: fmt.number(counts.out),
              })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

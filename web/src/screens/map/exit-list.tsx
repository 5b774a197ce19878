// The exits with their open state, windows and condition, as the plan sees them.
import { plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function ExitList() {
  const exits = plan.value?.exits ?? [];
  const names = new Map(scenario.value?.exits.map((e) => [e.id, e]) ?? []);
  return (
    <section class="exit-list" aria-label={t('map.exits')}>
      <h3>{t('map.exits')}</h3>
      <ul>
        {exits.map((e) => {
          const info = names.get(e.id);
          return (
            <li key={e.id} data-exit={e.id}>
              <span class={`dot ${e.open ? 'dot-open' : 'dot-closed'}`} aria-hidden="true" />
              <strong>{info ? localName(info) : e.name}</strong> — {e.open ? t('map.exitOpen') : t('map.exitClosed')}
              <ul class="windows" aria-label={t('map.windows')}>
                {e.windows.map((w) => (
                  <li key={w.opens_at}>{fmt.window(w.opens_at, w.closes_at)}</li>
                ))}
              </ul>
              {e.condition ? (
                <small class="muted" dir="auto">
                  {t('map.condition', { condition: e.condition, met: t(`condition.${e.condition_met ?? 'unknown'}`) })}
                </small>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

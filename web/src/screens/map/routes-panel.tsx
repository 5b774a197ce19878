// Side panel of the map: each exit's routes for the chosen assembly point and group, with the checkpoints they pass.
import type { AssemblyToExits, PlannedRoute } from '../../api/types.ts';
import { scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function RoutesPanel({ entry }: { entry: AssemblyToExits | undefined }) {
  if (!entry) return <p class="muted">{t('map.noRoutes')}</p>;
  const exitsById = new Map(scenario.value?.exits.map((e) => [e.id, e]) ?? []);
  return (
    <section class="routes" data-testid="routes-panel" aria-label={t('map.routes')}>
      <h3>{t('map.routes')}</h3>
      {entry.exits.map((exit) => {
        const info = exitsById.get(exit.exit_id);
        return (
          <article key={exit.exit_id} class="exit-routes" data-exit={exit.exit_id}>
            <h4>{info ? localName(info) : exit.exit_id}</h4>
            {exit.routes.length === 0 ? (
              <div class="cut-off" data-testid="cut-off">
                <p>{t('map.cutOff')}</p>
                <ul>
                  {(exit.cut_off?.cutBy ?? []).map((c) => (
                    <li key={c.id} data-checkpoint={c.id}>
                      {t('map.cutBy', { name: c.name, reason: t(`verdict.${c.reason}`), risk: fmt.percent(c.risk) })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <ol class="route-list">
                {exit.routes.map((route, rank) => (
                  <RouteItem key={rank} route={route} rank={rank} />
                ))}
              </ol>
            )}
          </article>
        );
      })}
    </section>
  );
}

function RouteItem({ route, rank }: { route: PlannedRoute; rank: number }) {
  return (
    <li class={rank === 0 ? 'route best' : 'route alternative'} data-testid="route">
      <div class="route-head">
        <span class={`swatch ${rank === 0 ? 'swatch-best' : 'swatch-alt'}`} aria-hidden="true" />
        <strong>{t('map.route', { n: fmt.number(rank + 1) })}</strong>{' '}
        <span class="muted">{rank === 0 ? t('map.best') : t('map.alternative')}</span>
      </div>
      <dl class="facts">
        <dt>{t('map.duration')}</dt>
        <dd>{fmt.duration(route.duration_s)}</dd>
        <dt>{t('map.distance')}</dt>
        <dd>{fmt.distance(route.distance_m)}</dd>
        <dt>{t('map.risk')}</dt>
        <dd>{fmt.percent(route.risk)}</dd>
      </dl>
      {route.checkpoints.length === 0 ? (
        <p class="muted">{t('map.noCheckpoints')}</p>
      ) : (
        <ul class="route-checkpoints" aria-label={t('map.checkpointsPassed')}>
          {route.checkpoints.map((c) => (
            <li key={c.id} data-checkpoint={c.id}>
              <span dir="auto">{c.name}</span> — {fmt.percent(c.risk)} ({t(`verdict.${c.verdict}`)})
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

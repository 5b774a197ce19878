// The exits of the plan: kind, open or closed, capacity, windows and the condition each depends on.
import type { PlanExit } from '../../api/types.ts';
import { scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function ExitTable({ exits }: { exits: readonly PlanExit[] }) {
  const info = new Map(scenario.value?.exits.map((e) => [e.id, e]) ?? []);
  return (
    <section class="card">
      <h3>{t('plan.exits')}</h3>
      <table data-testid="exit-table">
        <thead>
          <tr>
            <th>{t('plan.exit')}</th>
            <th>{t('plan.kind')}</th>
            <th>{t('plan.state')}</th>
            <th>{t('plan.capacity')}</th>
            <th>{t('map.windows')}</th>
          </tr>
        </thead>
        <tbody>
          {exits.map((e) => {
            const scenarioExit = info.get(e.id);
            return (
              <tr key={e.id}>
                <td>
                  {scenarioExit ? localName(scenarioExit) : e.name}
                  {e.condition ? (
                    <div class="muted" dir="auto">
                      {t('map.condition', {
                        condition: e.condition,
                        met: t(`condition.${e.condition_met ?? 'unknown'}`),
                      })}
                    </div>
                  ) : null}
                </td>
                <td>{t(`plan.exitKind.${e.kind}`, { defaultValue: e.kind })}</td>
                <td class="nowrap">
                  <span class={`dot ${e.open ? 'dot-open' : 'dot-closed'}`} />
                  {e.open ? t('map.exitOpen') : t('map.exitClosed')}
                </td>
                <td>{e.capacity_per_hour === undefined ? '' : fmt.number(e.capacity_per_hour)}</td>
                <td>
                  {e.windows.map((w) => (
                    <div key={w.opens_at}>{fmt.window(w.opens_at, w.closes_at)}</div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

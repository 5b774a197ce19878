// The schedule when the plan has one: convoys, exit slots per window, lower bound and gap, who is left and why.
import type { Schedule } from '../../api/types.ts';
import { exitName, fmt, placeName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function ScheduleSection({ schedule }: { schedule: Schedule | undefined }) {
  if (!schedule?.convoys)
    return (
      <section class="card">
        <h3>{t('plan.schedule')}</h3>
        <p class="muted">{t('plan.noSchedule')}</p>
      </section>
    );
  return (
    <section class="card" data-testid="schedule">
      <h3>{t('plan.schedule')}</h3>
      <dl class="facts">
        <dt>{t('plan.evacuated')}</dt>
        <dd>{t('plan.outOf', { n: fmt.number(schedule.evacuated ?? 0), total: fmt.number(schedule.total ?? 0) })}</dd>
        <dt>{t('plan.makespan')}</dt>
        <dd>{schedule.makespan_at ? fmt.dateTime(schedule.makespan_at) : ''}</dd>
        <dt>{t('plan.bound')}</dt>
        <dd>{schedule.lower_bound_at ? fmt.dateTime(schedule.lower_bound_at) : ''}</dd>
        <dt>{t('plan.gap')}</dt>
        <dd>{schedule.gap === undefined ? '' : fmt.percent(schedule.gap)}</dd>
      </dl>
      <details>
        <summary>
          {t('plan.convoys')} ({fmt.number(schedule.convoys.length)})
        </summary>
        <table data-testid="convoys">
          <thead>
            <tr>
              <th>{t('plan.vehicle')}</th>
              <th>{t('map.assemblyPoint')}</th>
              <th>{t('plan.departs')}</th>
              <th>{t('plan.exit')}</th>
              <th>{t('plan.passes')}</th>
              <th>{t('plan.persons')}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.convoys.map((c) => (
              <tr key={`${c.vehicle}-${c.vehicle_index}-${c.trip}`}>
                <td dir="ltr">
                  {c.vehicle} · {c.trip}
                </td>
                <td>{placeName(c.assembly_point)}</td>
                <td>{c.leaves_at ? fmt.dateTime(c.leaves_at) : ''}</td>
                <td>{exitName(c.exit)}</td>
                <td>{c.out_by ? fmt.dateTime(c.out_by) : ''}</td>
                <td>
                  {fmt.number(c.persons ?? 0)} / {fmt.number(c.seats ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h4>{t('plan.slots')}</h4>
      <table data-testid="exit-slots">
        <thead>
          <tr>
            <th>{t('plan.exit')}</th>
            <th>{t('plan.windowCloses')}</th>
            <th>{t('plan.outInWindow')}</th>
            <th>{t('plan.outByClose')}</th>
            <th>{t('plan.atMost')}</th>
          </tr>
        </thead>
        <tbody>
          {(schedule.windows ?? []).map((w) => (
            <tr key={`${w.exit}-${w.closes_at}`}>
              <td>{exitName(w.exit)}</td>
              <td>{fmt.dateTime(w.closes_at)}</td>
              <td>{fmt.number(w.out_in_window ?? 0)}</td>
              <td>{t('plan.outOf', { n: fmt.number(w.out_by_close ?? 0), total: fmt.number(w.total ?? 0) })}</td>
              <td>{fmt.number(w.at_most ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('plan.notEvacuated')}</h4>
      {(schedule.not_evacuated ?? []).length === 0 ? (
        <p class="muted">{t('app.none')}</p>
      ) : (
        <table data-testid="not-evacuated">
          <thead>
            <tr>
              <th>{t('plan.households')}</th>
              <th>{t('plan.persons')}</th>
              <th>{t('plan.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {(schedule.not_evacuated ?? []).map((n) => (
              <tr key={n.household_id}>
                <td dir="ltr">{n.household_id}</td>
                <td>{fmt.number(n.persons)}</td>
                <td>
                  {t(`plan.reason.${n.reason}`, { defaultValue: n.reason })}
                  {n.detail ? (
                    <span class="muted">
                      {' '}
                      (<bdi>{n.detail}</bdi>)
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

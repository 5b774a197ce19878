// What a re-plan from the live status changed: convoys kept and changed, households newly stranded, whom to tell again.
import type { StatusReplan } from '../../api/types.ts';
import { fmt, placeName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

const FIELDS = ['assembly-point', 'time', 'vehicle', 'exit', 'split'] as const;

export function ReplanResult({ replan }: { replan: StatusReplan }) {
  const n = fmt.number;
  return (
    <section class="card" data-testid="live-replan-result">
      <h3>{t('live.replan.title', { at: fmt.dateTime(replan.at) })}</h3>
      <p data-testid="live-replan-convoys">
        {t('live.replan.convoys', {
          kept: n(replan.kept_convoys),
          changed: n(replan.changed_convoys),
          dropped: n(replan.dropped_convoys),
        })}
      </p>
      <p>
        {t('live.replan.households', {
          out: n(replan.out_households),
          boarded: n(replan.boarded_households),
          waiting: n(replan.waiting_households),
          withdrawn: n(replan.withdrawn_households),
        })}
      </p>
      <p>{t('live.replan.evacuated', { evacuated: n(replan.evacuated), before: n(replan.previously_evacuated) })}</p>
      {replan.unknown_vehicles.length > 0 ? (
        <p class="problem" dir="ltr">
          {t('live.replan.unknownVehicles', { vehicles: replan.unknown_vehicles.join(', ') })}
        </p>
      ) : null}
      <h4>{t('live.replan.newlyStranded', { n: n(replan.newly_stranded.length) })}</h4>
      {replan.newly_stranded.length === 0 ? (
        <p class="muted">{t('app.none')}</p>
      ) : (
        <ul class="problem" data-testid="live-replan-stranded">
          {replan.newly_stranded.map((h) => (
            <li key={h.household_id}>
              <span dir="ltr">{h.household_id}</span> — {t('live.replan.persons', { n: n(h.persons) })} (
              {t(`live.replan.reason.${h.reason}`)})
            </li>
          ))}
        </ul>
      )}
      {(replan.split_households ?? []).length > 0 ? (
        <>
          <h4>{t('live.replan.split', { n: n(replan.split_households!.length) })}</h4>
          <ul class="problem" data-testid="live-replan-split">
            {replan.split_households!.map((h) => (
              <li key={h.household_id}>
                <span dir="ltr">{h.household_id}</span> —{' '}
                {t('live.replan.splitLine', {
                  boarded: n(h.boarded),
                  vehicle: h.vehicle,
                  waiting: n(h.waiting),
                  notThere: n(h.not_there),
                  other: n(h.on_other_vehicles),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>{t('live.replan.changed', { n: n(replan.changed_households.length) })}</h4>
      {replan.changed_households.length === 0 ? (
        <p class="muted" data-testid="live-replan-unchanged">
          {t('live.replan.noneChanged')}
        </p>
      ) : (
        <table data-testid="live-replan-changed">
          <thead>
            <tr>
              <th>{t('plan.households')}</th>
              <th>{t('live.replan.what')}</th>
              <th>{t('plan.vehicle')}</th>
              <th>{t('map.assemblyPoint')}</th>
              <th>{t('live.boards')}</th>
            </tr>
          </thead>
          <tbody>
            {replan.changed_households.map((h) => (
              <tr key={h.household_id} data-testid="live-replan-household" data-household={h.household_id}>
                <td dir="ltr">{h.household_id}</td>
                <td>
                  {FIELDS.filter((f) => h.changed.includes(f))
                    .map((f) => t(`live.replan.field.${f}`))
                    .join(' · ')}
                </td>
                {h.after ? (
                  <>
                    <td dir="ltr">{h.after.convoy}</td>
                    <td>{placeName(h.after.assembly_point)}</td>
                    <td>{fmt.dateTime(h.after.boards_at)}</td>
                  </>
                ) : (
                  <td colSpan={3}>
                    <strong class="bad">{t('live.replan.noConvoy')}</strong>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// Situation: add an Admiralty-rated field report, re-plan, and show who was re-routed and who is now stranded.
import { signal } from '@preact/signals';
import { plan, scenario } from '../../state/data.ts';
import { t } from '../../state/language.ts';
import { ChangesList } from './changes-list.tsx';
import { ReportForm, type ReportOutcome } from './report-form.tsx';

/** The answer to the last report, kept so the user can go to the map and come back. */
export const lastOutcome = signal<ReportOutcome | null>(null);

export function SituationScreen() {
  const reports = plan.value?.field_reports ?? [];
  const checkpointNames = new Map(scenario.value?.checkpoints.map((c) => [c.id, c.name]) ?? []);
  return (
    <div class="situation columns">
      <div>
        <h2>{t('situation.title')}</h2>
        <ReportForm onDone={(o) => (lastOutcome.value = o)} />
      </div>
      <div>
        {lastOutcome.value ? <ChangesList outcome={lastOutcome.value} /> : null}
        <section class="card">
          <h3>{t('situation.reports')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('situation.checkpoint')}</th>
                <th>{t('situation.effect')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.reportId}>
                  <td dir="auto">
                    {r.reportId}: {checkpointNames.get(r.targetId) ?? r.targetId}
                  </td>
                  <td>{t(`situation.effects.${r.effect}`, { defaultValue: r.effect })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

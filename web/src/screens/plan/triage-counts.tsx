// Triage counts: people and households per level, most urgent first.
import type { Plan } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { Level } from '../registry/household-detail.tsx';

const LEVELS = ['imminent', 'high', 'medium', 'low'] as const;

export function TriageCounts({ plan }: { plan: Plan }) {
  const persons = plan.triage?.persons_by_level ?? {};
  const households = plan.triage?.households_by_level ?? {};
  return (
    <section class="card" data-testid="triage-counts">
      <h3>{t('plan.triage')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('registry.level')}</th>
            <th>{t('plan.persons')}</th>
            <th>{t('plan.households')}</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => (
            <tr key={level}>
              <td>
                <Level level={level} />
              </td>
              <td>{fmt.number(persons[level] ?? 0)}</td>
              <td>{fmt.number(households[level] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// The cases this user may open (GET /api/cases): all of the organisation's, or — a liaison — those shared with them.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

interface CaseSummary {
  readonly case_id: string;
  readonly household_id: string;
  readonly status?: string;
  readonly size?: number;
  readonly shared_with?: readonly string[];
}

const PAGE = 50;

interface Props {
  readonly open: boolean;
  readonly onOpen: (h: { caseId: string; householdId: string }) => void;
}

export function CasesList({ open, onOpen }: Props) {
  const [cases, setCases] = useState<readonly CaseSummary[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [shown, setShown] = useState(PAGE);
  useEffect(() => {
    void api<{ cases: CaseSummary[] }>('/api/cases').then((r) =>
      r.ok ? setCases(r.value.cases) : setProblem(r.problem),
    );
  }, []);
  return (
    <details class="card" open={open} data-testid="cases-list">
      <summary>
        <strong>{t('registry.cases')}</strong> {cases ? `(${fmt.number(cases.length)})` : ''}
      </summary>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {cases ? (
        <table>
          <thead>
            <tr>
              <th>{t('registry.col.household')}</th>
              <th>{t('registry.size')}</th>
              <th>{t('registry.status')}</th>
              <th>{t('registry.sharedWith')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.slice(0, shown).map((c) => (
              <tr
                key={c.case_id}
                class="selectable"
                tabIndex={0}
                onClick={() => onOpen({ caseId: c.case_id, householdId: c.household_id })}
              >
                <td dir="ltr">{c.household_id}</td>
                <td>{c.size === undefined ? '' : fmt.number(c.size)}</td>
                <td>{c.status ? t(`caseStatus.${c.status}`, { defaultValue: c.status }) : ''}</td>
                <td dir="ltr">{(c.shared_with ?? []).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cases && cases.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {t('registry.more')}
        </button>
      ) : null}
    </details>
  );
}

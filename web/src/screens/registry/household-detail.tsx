// One household: its members (GET /api/cases/:id) and its triage level, score and each factor's contribution.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { CaseDetail, TriageFactor } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { plan } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { latinName } from './people-search.tsx';

interface Props {
  readonly household: { caseId: string | undefined; householdId: string };
  readonly onClose: () => void;
}

export function HouseholdDetail({ household, onClose }: Props) {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setDetail(null);
    setProblem(null);
    if (!household.caseId) return;
    void api<CaseDetail>(`/api/cases/${encodeURIComponent(household.caseId)}`).then((r) =>
      r.ok ? setDetail(r.value) : setProblem(r.problem),
    );
  }, [household.caseId]);
  const triage = plan.value?.triage?.households?.find((h) => h.householdId === household.householdId);
  return (
    <section class="card" data-testid="household-detail">
      <h3>{t('registry.household', { id: household.householdId })}</h3>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {detail ? (
        <>
          <h4>{t('registry.members')}</h4>
          <ul>
            {detail.members.map((m) => {
              const memberTriage = triage?.members.find((x) => x.personId === m.person_id);
              return (
                <li key={m.person_id}>
                  <span dir="auto">{latinName(m)}</span>{' '}
                  {m.name_arabic ? (
                    <span lang="ar" dir="rtl">
                      {m.name_arabic}
                    </span>
                  ) : null}{' '}
                  {memberTriage ? <Level level={memberTriage.level} /> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h4>{t('registry.triage')}</h4>
      {triage ? (
        <>
          <p>
            {t('registry.level')}: <Level level={triage.level} /> · {t('registry.score')}: {fmt.number(triage.score)}
          </p>
          <FactorTable factors={triage.factors} />
        </>
      ) : (
        <p class="muted">{t('registry.noTriage')}</p>
      )}
      <button type="button" onClick={onClose}>
        {t('registry.close')}
      </button>
    </section>
  );
}

export function Level({ level }: { level: string }) {
  return <span class={`level level-${level}`}>{t(`triage.level.${level}`)}</span>;
}

/** Each factor with the points it contributes: the reasons a household ranks where it does. */
export function FactorTable({ factors }: { factors: readonly TriageFactor[] }) {
  return (
    <table class="factors">
      <thead>
        <tr>
          <th>{t('registry.factor')}</th>
          <th>{t('registry.evidence')}</th>
          <th>{t('registry.points')}</th>
        </tr>
      </thead>
      <tbody>
        {factors.map((f) => (
          <tr key={f.factor}>
            <td>{t(`triage.factor.${f.factor}`, { defaultValue: f.factor })}</td>
            <td dir="auto">{f.evidence}</td>
            <td>{fmt.number(f.points)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

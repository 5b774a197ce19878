// De-duplication review (GET /api/dedupe): a pair side by side with the reasons; same / different / undo.
import { useEffect, useState } from 'preact/hooks';
import { serverHas } from '../../api/capabilities.ts';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { plan } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

interface ReviewPair {
  readonly pair_id: string;
  readonly a: Record<string, unknown>;
  readonly b: Record<string, unknown>;
  readonly score: number;
  readonly reasons: readonly { field: string; evidence: string; contribution: number }[];
  readonly decision?: 'accept' | 'reject' | null;
}

/** Fields shown side by side, in this order, when the record has them. */
const FIELDS = [
  'person_id',
  'given_name',
  'father_name',
  'family_name',
  'name_arabic',
  'sex',
  'birth_date',
  'phone',
  'location',
  'source_list',
];

export function DedupeReview() {
  const [pairs, setPairs] = useState<readonly ReviewPair[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [decided, setDecided] = useState<Record<string, 'accept' | 'reject'>>({});

  useEffect(() => {
    void (async () => {
      if (!(await serverHas('/api/dedupe'))) return setMissing(true);
      const r = await api<{ review: ReviewPair[] }>('/api/dedupe');
      if (r.ok) setPairs(r.value.review ?? []);
      else setProblem(r.problem);
    })();
  }, []);

  const decide = async (pairId: string, decision: 'accept' | 'reject') => {
    const r = await api('/api/dedupe/decisions', { method: 'POST', body: { pair_id: pairId, decision } });
    if (!r.ok) return setProblem(r.problem);
    setDecided({ ...decided, [pairId]: decision });
  };
  const undo = async (pairId: string) => {
    const r = await api(`/api/dedupe/decisions/${encodeURIComponent(pairId)}`, { method: 'DELETE' });
    if (!r.ok) return setProblem(r.problem);
    const { [pairId]: _, ...rest } = decided;
    setDecided(rest);
  };

  return (
    <section class="card" data-testid="dedupe-review">
      <h3>{t('registry.dedupe.title')}</h3>
      {missing ? <PlanDuplicates /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      {pairs && pairs.length === 0 ? <p class="muted">{t('registry.dedupe.empty')}</p> : null}
      {(pairs ?? []).slice(0, 20).map((pair) => {
        const decision = decided[pair.pair_id] ?? pair.decision ?? null;
        return (
          <article key={pair.pair_id} class="dedupe-pair" data-pair={pair.pair_id}>
            <h4>{t('registry.dedupe.pair', { id: pair.pair_id, score: fmt.percent(pair.score) })}</h4>
            <div class="pair">
              <Record record={pair.a} />
              <Record record={pair.b} />
            </div>
            <p class="muted">{t('registry.dedupe.reasons')}</p>
            <ul>
              {pair.reasons.map((r) => (
                <li key={r.field}>
                  <strong>{t(`field.${r.field}`, { defaultValue: r.field })}</strong>:{' '}
                  <span dir="auto">{r.evidence}</span> ({fmt.number(r.contribution, 2)})
                </li>
              ))}
            </ul>
            <div class="pair-actions">
              {decision ? (
                <>
                  <span>{decision === 'accept' ? t('registry.dedupe.accepted') : t('registry.dedupe.rejected')}</span>
                  <button type="button" onClick={() => void undo(pair.pair_id)}>
                    {t('registry.dedupe.undo')}
                  </button>
                </>
              ) : (
                <>
                  <button type="button" class="primary" onClick={() => void decide(pair.pair_id, 'accept')}>
                    {t('registry.dedupe.accept')}
                  </button>
                  <button type="button" onClick={() => void decide(pair.pair_id, 'reject')}>
                    {t('registry.dedupe.reject')}
                  </button>
                </>
              )}
            </div>
          </article>
        );
      })}
    </section>
  );
}

function Record({ record }: { record: Record<string, unknown> }) {
  return (
    <dl class="facts">
      {FIELDS.filter((f) => record[f] !== undefined && record[f] !== null && record[f] !== '').map((f) => (
        <>
          <dt key={`${f}-t`}>{t(`field.${f}`, { defaultValue: f })}</dt>
          <dd key={`${f}-d`} dir="auto">
            {String(record[f])}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** Without /api/dedupe on the server: the matcher's merges from the plan, read-only, so the reasons are still visible. */
function PlanDuplicates() {
  const clusters = plan.value?.dedupe?.duplicates ?? [];
  return (
    <div data-testid="plan-duplicates">
      <p class="muted">{t('registry.dedupe.readOnly')}</p>
      {clusters.length === 0 ? <p class="muted">{t('registry.dedupe.empty')}</p> : null}
      {clusters.slice(0, 20).map((c) => (
        <details key={c.id}>
          <summary dir="ltr">
            {c.recordIds.join(' = ')} ({fmt.percent(c.confidence)})
          </summary>
          {c.merges.map((m) => (
            <ul key={`${m.a}-${m.b}`}>
              {m.reasons.map((r) => (
                <li key={r.field}>
                  <strong>{t(`field.${r.field}`, { defaultValue: r.field })}</strong>:{' '}
                  <span dir="auto">{r.evidence}</span> ({fmt.number(r.contribution, 2)})
                </li>
              ))}
            </ul>
          ))}
        </details>
      ))}
    </div>
  );
}

// The arrivals recorded as not on any list, with the households of the registry whose names they share; one click matches.
import { useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

/** GET /api/arrivals/unknown, one arrival. */
interface UnknownArrival {
  readonly id: string;
  readonly place: string;
  readonly at: string;
  readonly given_name: string | null;
  readonly family_name: string | null;
  readonly name_arabic: string | null;
  readonly approx_age: number | null;
  readonly sex: string | null;
  readonly persons: number;
  readonly note: string | null;
  readonly matched_household_id: string | null;
  readonly candidates: readonly { household_id: string; person_ids: readonly string[]; shared_keys: number }[];
}

function describe(a: UnknownArrival): string {
  const names = [[a.given_name, a.family_name].filter(Boolean).join(' '), a.name_arabic].filter(Boolean).join(' · ');
  return t('checkin.arrivals.line', {
    names: names || '–',
    age: a.approx_age === null ? '–' : fmt.number(a.approx_age),
    persons: fmt.number(a.persons),
    place: a.place,
    time: fmt.dateTime(a.at),
  });
}

export function UnknownArrivalsList({ onMatched }: { onMatched: () => void }) {
  const [arrivals, setArrivals] = useState<readonly UnknownArrival[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});

  const load = async () => {
    const r = await api<{ arrivals: UnknownArrival[] }>('/api/arrivals/unknown');
    if (!r.ok) return setProblem(r.problem);
    setProblem(null);
    setArrivals(r.value.arrivals);
  };
  const match = async (arrivalId: string, householdId: string) => {
    const r = await api(`/api/arrivals/unknown/${encodeURIComponent(arrivalId)}/match`, {
      method: 'POST',
      body: { household_id: householdId },
    });
    if (!r.ok) return setProblem(r.problem);
    await load();
    onMatched();
  };

  return (
    <details
      class="checkin-arrivals"
      data-testid="checkin-arrivals"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) void load();
      }}
    >
      <summary>{t('checkin.arrivals.title')}</summary>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {arrivals !== null && arrivals.length === 0 ? <p class="muted">{t('checkin.arrivals.none')}</p> : null}
      <ul>
        {(arrivals ?? []).map((a) => (
          <li key={a.id} data-testid="checkin-arrival" data-arrival={a.id}>
            <span dir="auto">{describe(a)}</span>
            {a.note ? (
              <span class="muted" dir="auto">
                {' '}
                — {a.note}
              </span>
            ) : null}
            {a.matched_household_id ? (
              <p>{t('checkin.arrivals.matched', { household: a.matched_household_id })}</p>
            ) : (
              <p>
                {a.candidates.length === 0 ? t('checkin.arrivals.noCandidates') : t('checkin.arrivals.candidates')}{' '}
                {a.candidates.map((c) => (
                  <button
                    key={c.household_id}
                    type="button"
                    data-testid="checkin-arrival-match"
                    onClick={() => void match(a.id, c.household_id)}
                  >
                    {t('checkin.arrivals.matchTo', {
                      household: c.household_id,
                      count: fmt.number(c.person_ids.length),
                    })}
                  </button>
                ))}{' '}
                <input
                  type="text"
                  dir="ltr"
                  aria-label={t('checkin.arrivals.household')}
                  placeholder={t('checkin.arrivals.household')}
                  value={typed[a.id] ?? ''}
                  onInput={(e) => setTyped({ ...typed, [a.id]: e.currentTarget.value })}
                />{' '}
                <button
                  type="button"
                  disabled={!(typed[a.id] ?? '').trim()}
                  onClick={() => void match(a.id, (typed[a.id] ?? '').trim())}
                >
                  {t('checkin.arrivals.match')}
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

// Find a household by its pickup code: the server checks the code's window and uses it up (single use).
import { useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

/** POST /api/instructions/verify-code → 200. */
export interface VerifiedCode {
  readonly household_id: string;
  readonly person_ids: readonly string[];
  readonly assembly_point: string;
  readonly valid_from: string;
  readonly valid_to: string;
}

/**
 * The code problems an officer can act on, each with its own sentence in both languages. `rate-limited`: too many
 * wrong codes from this account (the server pauses its checks); the officer finds households by name meanwhile.
 */
const CODE_PROBLEMS = new Set(['code-unknown', 'code-outside-window', 'code-used', 'rate-limited']);

export function PickupCodeForm({ onFound }: { onFound: (verified: VerifiedCode) => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  // When paused, the moment checks resume, fixed when the refusal arrived (the sentence is re-rendered on language switch).
  const [resumesAt, setResumesAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (event: Event) => {
    event.preventDefault();
    const word = code.trim();
    if (!word || busy) return;
    setBusy(true);
    const r = await api<VerifiedCode>('/api/instructions/verify-code', {
      method: 'POST',
      body: { code: word, at: new Date().toISOString(), consume: true },
    });
    setBusy(false);
    if (!r.ok) {
      const wait = r.problem.retryAfterSeconds;
      setResumesAt(wait === undefined ? null : new Date(Date.now() + wait * 1000).toISOString());
      return setProblem(r.problem);
    }
    setProblem(null);
    setCode('');
    onFound(r.value);
  };

  return (
    <form class="search" onSubmit={verify} data-testid="checkin-code-form">
      <label>
        {t('checkin.code.label')}{' '}
        <input
          type="text"
          name="code"
          dir="auto"
          autocomplete="off"
          data-testid="checkin-code"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>{' '}
      <button type="submit" disabled={busy}>
        {t('checkin.code.verify')}
      </button>
      {problem && CODE_PROBLEMS.has(problem.code) ? (
        <p class="problem" role="alert" data-testid="checkin-code-problem" data-code={problem.code}>
          {t(`checkin.code.${problem.code}`, { detail: problem.detail ?? '' })}
          {problem.code === 'rate-limited' && resumesAt !== null && problem.retryAfterSeconds !== undefined ? (
            <span data-testid="checkin-code-resumes">
              {' '}
              {t('checkin.code.resumes', {
                time: fmt.dateTime(resumesAt),
                duration: fmt.duration(problem.retryAfterSeconds),
              })}
            </span>
          ) : null}
        </p>
      ) : problem ? (
        <ProblemMessage problem={problem} />
      ) : null}
    </form>
  );
}

/** A line saying whose code it was and until when it held. */
export function codeSummary(v: VerifiedCode): string {
  return t('checkin.code.accepted', {
    household: v.household_id,
    count: fmt.number(v.person_ids.length),
    until: fmt.dateTime(v.valid_to),
  });
}

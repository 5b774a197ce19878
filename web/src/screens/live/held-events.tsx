// Held for review (live screen): late check-ins refused because they contradict recorded steps, kept for a coordinator to accept or dismiss.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

/** A logged step a held event names (what it would displace, or did supersede). */
interface Step {
  readonly id: string;
  readonly status: string;
  readonly at: string;
  readonly device: string;
}

/** GET /api/status/held, one item (the note is the field observation, shown to reviewers only). */
export interface HeldItem {
  readonly id: string;
  readonly person_id: string;
  readonly household_id: string | null;
  readonly status: string;
  readonly at: string;
  readonly device: string;
  readonly note?: string;
  readonly refusal: { readonly kind: string; readonly because?: string };
  readonly displaced: readonly Step[];
  readonly resolution: null | {
    readonly kind: 'accepted' | 'dismissed';
    readonly by: string;
    readonly by_username: string | null;
    readonly at: string;
    readonly note?: string;
    readonly superseded: readonly Step[];
  };
}

const stepText = (s: Step) =>
  t('live.held.step', { status: t(`checkin.statusLabel.${s.status}`), at: fmt.dateTime(s.at) });

/**
 * The open held events with Accept / Dismiss (only for those who may settle them: the server's policy decides, this
 * hides the buttons from others), and the settled ones below. `onResolved` refreshes the live counts after an accept.
 */
export function HeldEvents({ canResolve, onResolved }: { canResolve: boolean; onResolved: () => void }) {
  const [held, setHeld] = useState<readonly HeldItem[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notes, setNotes] = useState<Readonly<Record<string, string>>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    const r = await api<{ held: HeldItem[] }>('/api/status/held');
    if (r.ok) {
      setHeld(r.value.held);
      setProblem(null);
    } else setProblem(r.problem);
  };
  useEffect(() => {
    void load();
  }, []);

  const resolve = async (id: string, action: 'accept' | 'dismiss') => {
    setBusy(id);
    const note = notes[id]?.trim();
    const r = await api<HeldItem>(`/api/status/held/${encodeURIComponent(id)}/resolve`, {
      method: 'POST',
      body: { action, ...(note ? { note } : {}) },
    });
    setBusy(null);
    if (!r.ok) setProblem(r.problem);
    await load();
    if (r.ok && action === 'accept') onResolved();
  };

  const open = (held ?? []).filter((h) => h.resolution === null);
  const settled = (held ?? []).filter((h) => h.resolution !== null);
  return (
    <section class="card" data-testid="live-held">
      <h3>{t('live.held.title', { n: fmt.number(open.length) })}</h3>
      <p class="muted">{t('live.held.intro')}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {held === null ? null : open.length === 0 ? (
        <p class="muted" data-testid="live-held-none">
          {t('live.held.none')}
        </p>
      ) : (
        <table data-testid="live-held-open">
          <thead>
            <tr>
              <th>{t('live.held.household')}</th>
              <th>{t('live.held.event')}</th>
              <th>{t('live.held.time')}</th>
              <th>{t('live.held.why')}</th>
              <th>{t('live.held.contradicts')}</th>
              {canResolve ? <th>{t('live.held.decision')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {open.map((h) => (
              <tr key={h.id} data-testid="live-held-item" data-held-id={h.id}>
                <td dir="ltr">
                  {h.household_id ?? '—'} · {h.person_id}
                </td>
                <td>
                  {t(`checkin.statusLabel.${h.status}`)}
                  {h.note ? (
                    <>
                      <br />
                      <span class="muted" dir="auto">
                        {h.note}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{fmt.dateTime(h.at)}</td>
                <td>
                  {h.refusal.kind === 'group-refused'
                    ? t('live.held.reason.group-refused', { because: h.refusal.because ?? '' })
                    : t('live.held.reason.contradicts-recorded')}
                </td>
                <td data-testid="live-held-displaced">{h.displaced.map(stepText).join('; ') || '—'}</td>
                {canResolve ? (
                  <td>
                    <input
                      type="text"
                      dir="auto"
                      maxLength={1000}
                      placeholder={t('live.held.notePlaceholder')}
                      aria-label={t('live.held.notePlaceholder')}
                      value={notes[h.id] ?? ''}
                      onInput={(e) => setNotes({ ...notes, [h.id]: (e.target as HTMLInputElement).value })}
                    />{' '}
                    <button
                      type="button"
                      class="primary"
                      disabled={busy !== null}
                      onClick={() => void resolve(h.id, 'accept')}
                      data-testid="live-held-accept"
                    >
                      {t('live.held.accept')}
                    </button>{' '}
                    <button
                      type="button"
                      disabled={busy !== null}
                      onClick={() => void resolve(h.id, 'dismiss')}
                      data-testid="live-held-dismiss"
                    >
                      {t('live.held.dismiss')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {settled.length > 0 ? (
        <details>
          <summary>{t('live.held.settled', { n: fmt.number(settled.length) })}</summary>
          <ul data-testid="live-held-settled">
            {settled.map((h) => (
              <li key={h.id} data-held-id={h.id} data-resolution={h.resolution?.kind}>
                <span dir="ltr">
                  {h.household_id ?? '—'} · {h.person_id}
                </span>{' '}
                {stepText(h)} —{' '}
                {t(`live.held.${h.resolution?.kind}`, {
                  by: h.resolution?.by_username ?? h.resolution?.by,
                  at: fmt.dateTime(h.resolution?.at ?? ''),
                })}
                {h.resolution?.superseded.length
                  ? ` ${t('live.held.superseded', { steps: h.resolution.superseded.map(stepText).join('; ') })}`
                  : ''}
                {h.resolution?.note ? <span dir="auto"> ({h.resolution.note})</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

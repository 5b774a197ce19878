// Check-in (#/checkin): where I am, which household, one button; events queue on the device and are sent when possible.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { PersonRecord } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { scenario } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { enqueue, newId, queued, type SendOutcome, sendQueue } from './event-queue.ts';

/** GET /api/status: ids and statuses only. */
interface LiveStatus {
  readonly by_status: Readonly<Record<string, number>>;
  readonly people: readonly { person_id: string; household_id: string; status: string; at: string | null }[];
}

interface Household {
  readonly id: string;
  readonly members: readonly { readonly personId: string; readonly name?: string }[];
}

const STATUSES = [
  'not_contacted',
  'informed',
  'at_assembly_point',
  'boarded',
  'crossed',
  'arrived',
  'in_resettlement',
  'missing',
  'detained',
  'turned_back',
  'declined',
] as const;

export function CheckinScreen() {
  const [live, setLive] = useState<LiveStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [place, setPlace] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly Household[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const places = [
    ...(scenario.value?.places ?? [])
      .filter((p) => p.kind === 'assembly_point')
      .map((p) => ({ value: `ap:${p.place_id}`, label: t('checkin.assemblyPoint', { name: p.name }) })),
    ...(scenario.value?.exits ?? []).map((x) => ({
      value: `exit:${x.id}`,
      label: t('checkin.exit', { name: x.name }),
    })),
  ];
  const where = place || places[0]?.value || '';

  const refresh = async () => {
    const r = await api<LiveStatus>('/api/status');
    if (r.ok) setLive(r.value);
    else setProblem(r.problem);
  };
  const send = async (): Promise<SendOutcome | null> => {
    const r = await sendQueue();
    if (!r.ok) {
      if (r.problem.code !== 'network') setProblem(r.problem);
      return null;
    }
    setProblem(null);
    await refresh();
    return r.value;
  };
  useEffect(() => {
    void send().then((sent) => (sent === null ? refresh() : undefined));
  }, []);

  const search = async (event: Event) => {
    event.preventDefault();
    const q = query.trim();
    if (!q || !live) return;
    const byId = live.people.filter((p) => p.household_id === q);
    if (byId.length > 0) {
      setFound([{ id: q, members: byId.map((p) => ({ personId: p.person_id })) }]);
      return;
    }
    const r = await api<{ people: PersonRecord[] }>(`/api/people?q=${encodeURIComponent(q)}&limit=50`);
    if (!r.ok) return setProblem(r.problem);
    const names = new Map(r.value.people.map((p) => [p.person_id, [p.given_name, p.family_name].join(' ')]));
    const households = [...new Set(r.value.people.map((p) => p.household_id).filter((h) => h !== undefined))];
    setFound(
      households.map((id) => ({
        id,
        members: live.people
          .filter((p) => p.household_id === id)
          .map((p): Household['members'][number] => {
            const name = names.get(p.person_id);
            return name === undefined ? { personId: p.person_id } : { personId: p.person_id, name };
          }),
      })),
    );
  };

  const checkIn = async (household: Household) => {
    const [kind, id] = where.split(':') as [string, string];
    const status = kind === 'exit' ? 'crossed' : 'at_assembly_point';
    const at = new Date().toISOString();
    const prefix = newId();
    // One event per member with the check-in's id prefix (as core's checkInHousehold names them).
    enqueue(
      household.members.map((m) => ({
        id: `${prefix}:${m.personId}`,
        person_id: m.personId,
        status,
        at,
        ...(kind === 'exit' ? { exit: id } : {}),
      })),
    );
    const sent = await send();
    const refused = sent?.refused[0];
    setMessage(
      refused
        ? t('checkin.refused', { reason: refused.error.kind })
        : t('checkin.checkedIn', { count: fmt.number(household.members.length) }),
    );
  };

  return (
    <div class="checkin" data-testid="checkin-screen">
      <h2>{t('checkin.title')}</h2>
      <p class="muted">{t('checkin.intro')}</p>
      <p data-testid="checkin-queue">
        {queued.value.length > 0 ? (
          <strong data-testid="checkin-waiting">
            {t('checkin.waiting', { count: fmt.number(queued.value.length) })}
          </strong>
        ) : (
          <span data-testid="checkin-all-sent">{t('checkin.allSent')}</span>
        )}{' '}
        <button type="button" data-testid="checkin-send" onClick={() => void send()}>
          {t('checkin.sendNow')}
        </button>
      </p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <section class="card">
        <label>
          {t('checkin.place')}{' '}
          <select data-testid="checkin-place" value={where} onChange={(e) => setPlace(e.currentTarget.value)}>
            {places.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <form class="search" onSubmit={search}>
          <label>
            {t('checkin.search')}{' '}
            <input
              type="search"
              name="q"
              dir="auto"
              data-testid="checkin-search"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </label>{' '}
          <button type="submit">{t('checkin.find')}</button>
        </form>
        {found !== null && found.length === 0 ? <p class="muted">{t('checkin.noHousehold')}</p> : null}
        {(found ?? []).map((h) => (
          <div key={h.id} class="card" data-testid="checkin-household">
            <strong>{t('checkin.household', { id: h.id })}</strong>{' '}
            <span class="muted">{t('checkin.members', { count: fmt.number(h.members.length) })}</span>
            <ul>
              {h.members.map((m) => (
                <li key={m.personId} dir="auto">
                  {m.personId}
                  {m.name ? ` — ${m.name}` : ''}
                </li>
              ))}
            </ul>
            <button type="button" class="primary" data-testid="checkin-button" onClick={() => void checkIn(h)}>
              {t('checkin.checkIn')}
            </button>
          </div>
        ))}
        {message ? <p data-testid="checkin-message">{message}</p> : null}
      </section>
      <section class="card">
        <h3>{t('checkin.counts')}</h3>
        {live ? (
          <table data-testid="checkin-counts">
            <tbody>
              {STATUSES.map((s) => (
                <tr key={s} data-status={s}>
                  <td>{t(`checkin.statusLabel.${s}`)}</td>
                  <td data-testid={`count-${s}`}>{fmt.number(live.by_status[s] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

// Check-in (#/checkin): where I am, which household (name, id or pickup code), the step it takes here; queued on the device, sent when possible.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonStatus } from '../../../../src/core/operation/status.ts';
import { api, type Problem } from '../../api/client.ts';
import type { PersonRecord } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { plan, scenario } from '../../state/data.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { enqueue, justSent, queued, queuedArrivals, type SendOutcome, sendQueue, sortableId } from './event-queue.ts';
import { convoyKey, convoysAt, localStatuses, type Station } from './household-actions.ts';
import { HouseholdCard, type HouseholdView, type RecordRequest } from './household-card.tsx';
import { codeSummary, PickupCodeForm } from './pickup-code-form.tsx';
import { UnknownArrivalForm } from './unknown-arrival-form.tsx';
import { UnknownArrivalsList } from './unknown-arrivals-list.tsx';

/** GET /api/status: ids, statuses and the vehicle boarded; no names. */
interface LiveStatus {
  readonly by_status: Readonly<Record<string, number>>;
  readonly people: readonly {
    person_id: string;
    household_id: string;
    status: string;
    at: string | null;
    vehicle?: string;
  }[];
}

/** A household found by a search: its id and the names the reader may see (none when found offline or by id). */
interface Found {
  readonly id: string;
  readonly names: ReadonlyMap<string, string>;
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

function nameOf(p: PersonRecord): string {
  const latin = [p.given_name, p.family_name].filter(Boolean).join(' ');
  return [latin, p.name_arabic].filter(Boolean).join(' · ');
}

/** The members' names of one household, through its case (best effort: ids only when offline or not allowed). */
async function namesOfHousehold(householdId: string): Promise<Map<string, string>> {
  const cases = await api<{ cases: { case_id: string; household_id: string }[] }>('/api/cases');
  const found = cases.ok ? cases.value.cases.find((c) => c.household_id === householdId) : undefined;
  if (!found) return new Map();
  const detail = await api<{ members: PersonRecord[] }>(`/api/cases/${encodeURIComponent(found.case_id)}`);
  return detail.ok ? new Map(detail.value.members.map((m) => [m.person_id, nameOf(m)])) : new Map();
}

export function CheckinScreen() {
  const [live, setLive] = useState<LiveStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [place, setPlace] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly Found[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refreshes = useRef(0);

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
  const [kind, stationId] = where.split(':') as [string, string];
  const station: Station = { kind: kind === 'exit' ? 'exit' : 'ap', id: stationId ?? '' };
  const convoys = plan.value?.schedule?.convoys ?? [];
  const states = localStatuses(live?.people ?? [], [...justSent.value, ...queued.value]);

  const refresh = async () => {
    const asked = ++refreshes.current;
    const r = await api<LiveStatus>('/api/status');
    // An older answer arriving after a newer one would show statuses from before the last send.
    if (asked !== refreshes.current) return;
    if (r.ok) {
      setLive(r.value);
      justSent.value = [];
    } else if (r.problem.code !== 'network') setProblem(r.problem);
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
    // Back online: deliver what waited without the officer having to press "Send now".
    const online = () => void send();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  const showHousehold = async (id: string, names?: Map<string, string>) => {
    setFound([{ id, names: names ?? new Map() }]);
    if (names === undefined) {
      const fetched = await namesOfHousehold(id);
      if (fetched.size > 0) setFound([{ id, names: fetched }]);
    }
  };

  const search = async (event: Event) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setMessage(null);
    if ((live?.people ?? []).some((p) => p.household_id === q)) return showHousehold(q);
    const r = await api<{ people: PersonRecord[] }>(`/api/people?q=${encodeURIComponent(q)}&limit=50`);
    if (!r.ok) return setProblem(r.problem);
    const byHousehold = new Map<string, Map<string, string>>();
    for (const p of r.value.people) {
      if (p.household_id === undefined) continue;
      const names = byHousehold.get(p.household_id) ?? new Map<string, string>();
      names.set(p.person_id, nameOf(p));
      byHousehold.set(p.household_id, names);
    }
    setFound([...byHousehold.entries()].map(([id, names]) => ({ id, names })));
  };

  const householdOf = (f: Found): HouseholdView => ({
    id: f.id,
    members: (live?.people ?? [])
      .filter((p) => p.household_id === f.id)
      .map((p) => {
        const state = states.get(p.person_id);
        const name = f.names.get(p.person_id);
        return {
          personId: p.person_id,
          status: state?.status ?? (p.status as PersonStatus),
          ...(name ? { name } : {}),
          ...(state?.vehicle ? { vehicle: state.vehicle } : {}),
        };
      }),
  });

  const record = async (household: HouseholdView, request: RecordRequest) => {
    const at = new Date().toISOString();
    const group = sortableId();
    // One event per member, named as core's checkInHousehold names them; the group makes it all or none.
    const events = request.personIds.map((personId) => ({
      id: `${group}:${personId}`,
      person_id: personId,
      status: request.status,
      at,
      group,
      ...(request.vehicle ? { vehicle: request.vehicle } : {}),
      ...(request.exit ? { exit: request.exit } : {}),
      ...(request.note ? { note: request.note } : {}),
    }));
    enqueue(events);
    const ids = new Set(events.map((e) => e.id));
    const sent = await send();
    const count = fmt.number(events.length);
    if (sent === null) return setMessage(t('checkin.savedOffline', { count }));
    const refused = sent.refused.find((r) => ids.has(r.id) && r.error.kind !== 'group-refused');
    if (refused) return setMessage(t('checkin.refused', { reason: t(`checkin.reason.${refused.error.kind}`) }));
    if (sent.pending.some((r) => ids.has(r.id))) return setMessage(t('checkin.pending', { count }));
    setMessage(t(`checkin.recorded.${request.status}`, { count, household: household.id }));
  };

  const here = station.kind === 'ap' ? convoysAt(convoys, station.id) : [];
  const waiting = queued.value.length + queuedArrivals.value.length;

  return (
    <div class="checkin" data-testid="checkin-screen">
      <h2>{t('checkin.title')}</h2>
      <p class="muted">{t('checkin.intro')}</p>
      <p data-testid="checkin-queue">
        {waiting > 0 ? (
          <strong data-testid="checkin-waiting">{t('checkin.waiting', { count: fmt.number(waiting) })}</strong>
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
        {station.kind === 'ap' ? (
          here.length > 0 ? (
            <table class="checkin-convoys" data-testid="checkin-convoys">
              <caption>{t('checkin.convoysHere')}</caption>
              <thead>
                <tr>
                  <th>{t('checkin.vehicle')}</th>
                  <th>{t('checkin.boardsAt')}</th>
                  <th>{t('checkin.exitColumn')}</th>
                  <th>{t('checkin.boardedOfPlanned')}</th>
                </tr>
              </thead>
              <tbody>
                {here.map((c) => {
                  const key = convoyKey(c);
                  const boarded = (live?.people ?? []).filter((p) => p.vehicle === key).length;
                  const planned = c.persons ?? (c.households ?? []).reduce((n, h) => n + h.persons, 0);
                  return (
                    <tr key={key} data-convoy={key}>
                      <td dir="ltr">{key}</td>
                      <td>{c.boards_at ? fmt.dateTime(c.boards_at) : '–'}</td>
                      <td dir="ltr">{c.exit}</td>
                      <td>{t('checkin.ofPlanned', { done: fmt.number(boarded), planned: fmt.number(planned) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p class="muted">{t('checkin.noConvoyHere')}</p>
          )
        ) : null}
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
        <PickupCodeForm
          onFound={(v) => {
            setMessage(codeSummary(v));
            void showHousehold(v.household_id);
          }}
        />
        {found !== null && found.length === 0 ? <p class="muted">{t('checkin.noHousehold')}</p> : null}
        {(found ?? []).map((f) => (
          <HouseholdCard key={f.id} household={householdOf(f)} station={station} convoys={convoys} onRecord={record} />
        ))}
        {message ? (
          <p data-testid="checkin-message" role="status">
            {message}
          </p>
        ) : null}
        <UnknownArrivalForm
          place={station.id}
          onQueued={() => {
            setMessage(t('checkin.unknown.queued'));
            void send();
          }}
        />
        <UnknownArrivalsList onMatched={() => void refresh()} />
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

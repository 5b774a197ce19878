// Live (#/live): per convoy and exit window, the plan against the recorded statuses at an operation clock; overdue households;
// late check-ins held for review.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import type { Plan } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { plan, planProblem, scenario } from '../../state/data.ts';
import { exitName, fmt, placeName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { session } from '../../state/session.ts';
import { instantOf, localInputOf, offsetOf } from '../../state/time-input.ts';
import { HeldEvents } from './held-events.tsx';
import { defaultClock, type LateAlert, type LivePicture, type LiveStatus, livePicture } from './live-picture.ts';
import { ReplanResult } from './replan-result.tsx';

export function LiveScreen() {
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Empty: the default clock (latest status event, else the first boarding).
  const [clockInput, setClockInput] = useState('');
  const [replanning, setReplanning] = useState(false);
  const role = session.value?.user.role;
  // Re-planning is the coordinators' (the server's policy decides; this hides the button from others).
  const coordinates = role === 'administrator' || role === 'coordinator';
  // Held late check-ins: field officers see them (their phones sent them), coordinators settle them.
  const reviews = coordinates || role === 'field_officer';

  const refresh = async () => {
    const r = await api<LiveStatus>('/api/status');
    if (r.ok) {
      setStatus(r.value);
      setProblem(null);
    } else setProblem(r.problem);
  };
  useEffect(() => {
    void refresh();
  }, []);

  const s = scenario.value;
  const schedule = plan.value?.schedule;
  const offset = offsetOf(s?.start_time ?? 'Z');
  const clock =
    instantOf(clockInput, offset) ?? defaultClock(status, schedule, s?.start_time ?? new Date(0).toISOString());
  const capacity = new Map<string, number>();
  for (const e of s?.exits ?? []) if (e.capacity_per_hour !== undefined) capacity.set(e.id, e.capacity_per_hour);
  const picture = schedule && status ? livePicture(schedule, status, clock, capacity) : null;

  const replan = async () => {
    setReplanning(true);
    const r = await api<Plan>('/api/plan/replan-from-status', { method: 'POST', body: { at: clock } });
    setReplanning(false);
    if (!r.ok) return setProblem(r.problem);
    plan.value = r.value;
    setProblem(null);
    await refresh();
  };

  return (
    <div class="live" data-testid="live-screen">
      <h2>{t('live.title')}</h2>
      <p class="muted">{t('live.intro')}</p>
      <p>
        <label>
          {t('live.clock')}{' '}
          <input
            type="datetime-local"
            data-testid="live-clock"
            value={localInputOf(clock, offset)}
            onChange={(e) => setClockInput((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        <strong data-testid="live-clock-shown">{fmt.dateTime(clock)}</strong>{' '}
        {clockInput ? (
          <button type="button" onClick={() => setClockInput('')} data-testid="live-clock-reset">
            {t('live.clockReset')}
          </button>
        ) : (
          <span class="muted">{t('live.clockDefault')}</span>
        )}{' '}
        <button type="button" class="primary" onClick={() => void refresh()} data-testid="live-refresh">
          {t('live.refresh')}
        </button>{' '}
        {coordinates && schedule?.convoys ? (
          <button type="button" onClick={() => void replan()} disabled={replanning} data-testid="live-replan">
            {replanning ? t('live.replan.busy') : t('live.replan.button')}
          </button>
        ) : null}
      </p>
      {coordinates && schedule?.convoys ? <p class="muted">{t('live.replan.intro')}</p> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      {picture ? <Alerts alerts={picture.alerts} /> : null}
      {reviews ? <HeldEvents canResolve={coordinates} onResolved={() => void refresh()} /> : null}
      {plan.value?.status_replan ? <ReplanResult replan={plan.value.status_replan} /> : null}
      {!schedule?.convoys ? (
        planProblem.value ? (
          <ProblemMessage problem={planProblem.value} />
        ) : (
          <p class="muted">{t('plan.noSchedule')}</p>
        )
      ) : picture ? (
        <Picture picture={picture} />
      ) : (
        <p class="muted">{t('app.loading')}</p>
      )}
    </div>
  );
}

/** Late convoys, stated at the top: those that miss their exit window first. */
function Alerts({ alerts }: { alerts: readonly LateAlert[] }) {
  if (alerts.length === 0)
    return (
      <p class="ok" data-testid="live-no-alerts">
        {t('live.alerts.none')}
      </p>
    );
  return (
    <div class="problem" role="alert" data-testid="live-alerts">
      <strong>{t('live.alerts.title', { n: fmt.number(alerts.length) })}</strong>
      <ul>
        {alerts.map((a) => (
          <li key={a.key} data-testid="live-alert" data-misses-window={String(a.missesWindow)}>
            {t(a.behind === 'boarding' ? 'live.alerts.boarding' : 'live.alerts.exit', {
              convoy: `${a.convoy.vehicle} · ${a.convoy.trip}`,
              missing: fmt.number(a.missing),
              planned: fmt.number(a.plannedPersons),
              time: fmt.dateTime((a.behind === 'boarding' ? a.convoy.boards_at : a.convoy.out_by) ?? ''),
            })}{' '}
            {a.missesWindow && a.windowClosesAt ? (
              <strong>
                {t('live.alerts.missesWindow', {
                  exit: exitName(a.convoy.exit),
                  closes: fmt.dateTime(a.windowClosesAt),
                })}
              </strong>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Picture({ picture }: { picture: LivePicture }) {
  const time = (iso: string | undefined) => (iso ? fmt.dateTime(iso) : '');
  return (
    <>
      <section class="card">
        <h3>{t('plan.convoys')}</h3>
        <table data-testid="live-convoys">
          <thead>
            <tr>
              <th>{t('plan.vehicle')}</th>
              <th>{t('map.assemblyPoint')}</th>
              <th>{t('live.boards')}</th>
              <th>{t('plan.departs')}</th>
              <th>{t('plan.exit')}</th>
              <th>{t('plan.passes')}</th>
              <th>{t('live.planned')}</th>
              <th>{t('live.atAssemblyPoint')}</th>
              <th>{t('live.boarded')}</th>
              <th>{t('live.crossed')}</th>
              <th>{t('plan.state')}</th>
            </tr>
          </thead>
          <tbody>
            {picture.convoys.map((c) => (
              <tr
                key={c.key}
                data-testid="live-convoy"
                data-households={(c.convoy.households ?? []).map((h) => h.household_id).join(' ')}
              >
                <td dir="ltr">
                  {c.convoy.vehicle} · {c.convoy.trip}
                </td>
                <td>{placeName(c.convoy.assembly_point)}</td>
                <td>{time(c.convoy.boards_at)}</td>
                <td>{time(c.convoy.leaves_at)}</td>
                <td>{exitName(c.convoy.exit)}</td>
                <td>{time(c.convoy.out_by)}</td>
                <td data-testid="live-planned">
                  {t('live.plannedCounts', {
                    households: fmt.number(c.plannedHouseholds),
                    persons: fmt.number(c.plannedPersons),
                  })}
                </td>
                <td data-testid="live-at-assembly-point">{fmt.number(c.actual.atAssemblyPoint)}</td>
                <td data-testid="live-boarded">{fmt.number(c.actual.boarded)}</td>
                <td data-testid="live-crossed">{fmt.number(c.actual.crossed)}</td>
                <td>
                  <strong class={c.state === 'late' ? 'bad' : 'ok'} data-state={c.state}>
                    {t(`live.state.${c.state}`)}
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h3>{t('plan.slots')}</h3>
        <table data-testid="live-windows">
          <thead>
            <tr>
              <th>{t('plan.exit')}</th>
              <th>{t('plan.windowCloses')}</th>
              <th>{t('live.planned')}</th>
              <th>{t('live.crossed')}</th>
              <th>{t('live.expected')}</th>
              <th>{t('live.canStillPass')}</th>
              <th>{t('plan.state')}</th>
            </tr>
          </thead>
          <tbody>
            {picture.windows.map((w) => (
              <tr key={`${w.exit}-${w.closesAt}`} data-testid="live-window">
                <td>{exitName(w.exit)}</td>
                <td>{fmt.dateTime(w.closesAt)}</td>
                <td>{fmt.number(w.plannedPersons)}</td>
                <td>{fmt.number(w.crossed)}</td>
                <td>{fmt.number(w.expected)}</td>
                <td>{w.canStillPass === null ? t('live.unknownCapacity') : fmt.number(w.canStillPass)}</td>
                <td>
                  {w.atRisk ? (
                    <strong class="bad" role="alert">
                      {t('live.windowAtRisk', { expected: fmt.number(w.expected) })}
                    </strong>
                  ) : (
                    <span class="ok">{t('live.windowOk')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h3>{t('live.overdue', { n: fmt.number(picture.overdue.length) })}</h3>
        {picture.overdue.length === 0 ? (
          <p class="muted">{t('app.none')}</p>
        ) : (
          <table data-testid="live-overdue">
            <thead>
              <tr>
                <th>{t('plan.households')}</th>
                <th>{t('plan.vehicle')}</th>
                <th>{t('map.assemblyPoint')}</th>
                <th>{t('live.boards')}</th>
                <th>{t('live.checkedIn')}</th>
              </tr>
            </thead>
            <tbody>
              {picture.overdue.map((o) => (
                <tr key={`${o.householdId}-${o.convoy.vehicle}-${o.convoy.trip}`}>
                  <td dir="ltr">{o.householdId}</td>
                  <td dir="ltr">
                    {o.convoy.vehicle} · {o.convoy.trip}
                  </td>
                  <td>{placeName(o.convoy.assembly_point)}</td>
                  <td>{time(o.convoy.boards_at)}</td>
                  <td>{t('plan.outOf', { n: fmt.number(o.checkedIn), total: fmt.number(o.persons) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

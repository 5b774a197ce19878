// One household found at check-in: its members and where each stands, and the one step it can take here (all or none).
import { useState } from 'preact/hooks';
import type { PersonStatus } from '../../../../src/core/operation/status.ts';
import type { Convoy } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import {
  checkStep,
  convoyKey,
  convoysAt,
  EXCEPTIONS,
  type ExceptionStatus,
  type MemberState,
  plannedConvoyOf,
  type Station,
  type StepCheck,
} from './household-actions.ts';

export interface HouseholdView {
  readonly id: string;
  readonly members: readonly MemberState[];
}

/** What the card asks the screen to record: one event per member named. */
export interface RecordRequest {
  readonly status: PersonStatus;
  readonly personIds: readonly string[];
  readonly vehicle?: string;
  readonly exit?: string;
  readonly note?: string;
}

function convoyLabel(c: Convoy): string {
  return t('checkin.convoyOption', {
    vehicle: convoyKey(c),
    time: c.boards_at ? fmt.dateTime(c.boards_at) : '–',
    exit: c.exit,
  });
}

function Blocked({ check, step }: { check: StepCheck; step: string }) {
  if (check.ok) return null;
  if (check.done)
    return (
      <p class="muted" data-testid="checkin-done" data-step={step}>
        {t(`checkin.done.${step}`)}
      </p>
    );
  const who = check.blockedBy.map((m) =>
    t('checkin.memberStatus', { person: m.name ?? m.personId, status: t(`checkin.statusLabel.${m.status}`) }),
  );
  return (
    <p class="muted" data-testid="checkin-blocked" data-step={step}>
      {t(`checkin.cannot.${step}`, { who: fmt.list(who) })}
    </p>
  );
}

export function HouseholdCard({
  household,
  station,
  convoys,
  onRecord,
}: {
  household: HouseholdView;
  station: Station;
  convoys: readonly Convoy[];
  onRecord: (household: HouseholdView, request: RecordRequest) => void;
}) {
  const planned = plannedConvoyOf(convoys, household.id);
  const here = station.kind === 'ap' ? convoysAt(convoys, station.id) : [];
  const choices = planned && !here.includes(planned) ? [planned, ...here] : here;
  const [vehicle, setVehicle] = useState('');
  const chosenVehicle = vehicle || (planned ? convoyKey(planned) : choices[0] ? convoyKey(choices[0]) : '');
  const [exception, setException] = useState<ExceptionStatus>('missing');
  const [who, setWho] = useState('all');
  const [note, setNote] = useState('');
  const take = (check: StepCheck, status: PersonStatus, extra: Omit<RecordRequest, 'status' | 'personIds'> = {}) => {
    if (check.ok) onRecord(household, { status, personIds: check.movers.map((m) => m.personId), ...extra });
  };

  const checkIn = checkStep(household.members, 'at_assembly_point');
  const board = checkStep(household.members, 'boarded');
  const cross = checkStep(household.members, 'crossed');
  const exceptionMembers = who === 'all' ? household.members : household.members.filter((m) => m.personId === who);
  const exceptionCheck = checkStep(exceptionMembers, exception);

  return (
    <div class="card" data-testid="checkin-household" data-household={household.id}>
      <strong>{t('checkin.household', { id: household.id })}</strong>{' '}
      <span class="muted">{t('checkin.members', { count: fmt.number(household.members.length) })}</span>
      {planned ? (
        <p class="muted" data-testid="checkin-planned">
          {t('checkin.plannedConvoy', { convoy: convoyLabel(planned), place: planned.assembly_point })}
        </p>
      ) : (
        <p class="muted">{t('checkin.notPlanned')}</p>
      )}
      <ul>
        {household.members.map((m) => (
          <li key={m.personId} dir="auto" data-testid="checkin-member" data-status={m.status}>
            {m.personId}
            {m.name ? ` — ${m.name}` : ''} · {t(`checkin.statusLabel.${m.status}`)}
            {m.vehicle ? ` (${m.vehicle})` : ''}
          </li>
        ))}
      </ul>
      {station.kind === 'ap' ? (
        <div class="checkin-steps">
          <button
            type="button"
            class="primary"
            data-testid="checkin-button"
            disabled={!checkIn.ok}
            onClick={() => take(checkIn, 'at_assembly_point')}
          >
            {t('checkin.checkIn')}
          </button>
          <Blocked check={checkIn} step="at_assembly_point" />
          <div>
            <label>
              {t('checkin.vehicle')}{' '}
              <select
                data-testid="checkin-vehicle"
                value={chosenVehicle}
                onChange={(e) => setVehicle(e.currentTarget.value)}
              >
                {choices.map((c) => (
                  <option key={convoyKey(c)} value={convoyKey(c)}>
                    {convoyLabel(c)}
                    {c === planned ? ` — ${t('checkin.planned')}` : ''}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              class="primary"
              data-testid="checkin-board"
              disabled={!board.ok || chosenVehicle === ''}
              onClick={() => take(board, 'boarded', { vehicle: chosenVehicle })}
            >
              {t('checkin.board')}
            </button>
            {choices.length === 0 ? <p class="muted">{t('checkin.noConvoyHere')}</p> : null}
            {checkIn.ok ? null : <Blocked check={board} step="boarded" />}
          </div>
        </div>
      ) : (
        <div class="checkin-steps">
          <button
            type="button"
            class="primary"
            data-testid="checkin-cross"
            disabled={!cross.ok}
            onClick={() => take(cross, 'crossed', { exit: station.id })}
          >
            {t('checkin.cross')}
          </button>
          <Blocked check={cross} step="crossed" />
        </div>
      )}
      <details class="checkin-exception">
        <summary>{t('checkin.exception.title')}</summary>
        <label>
          {t('checkin.exception.who')}{' '}
          <select data-testid="checkin-exception-who" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
            <option value="all">{t('checkin.exception.wholeHousehold')}</option>
            {household.members.map((m) => (
              <option key={m.personId} value={m.personId}>
                {m.name ?? m.personId}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('checkin.exception.status')}{' '}
          <select
            data-testid="checkin-exception-status"
            value={exception}
            onChange={(e) => setException(e.currentTarget.value as ExceptionStatus)}
          >
            {EXCEPTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`checkin.statusLabel.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('checkin.exception.note')}{' '}
          <input
            type="text"
            dir="auto"
            maxLength={1000}
            data-testid="checkin-exception-note"
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>{' '}
        <button
          type="button"
          data-testid="checkin-exception-record"
          disabled={!exceptionCheck.ok}
          onClick={() => {
            take(exceptionCheck, exception, note.trim() ? { note: note.trim() } : {});
            setNote('');
          }}
        >
          {t('checkin.exception.record')}
        </button>
        <Blocked check={exceptionCheck} step={exception} />
        <p class="muted">{t('checkin.exception.noteSealed')}</p>
      </details>
    </div>
  );
}

// The households and their instructions: state, assembly point, window, SMS parts, the last record, and buttons to
// record sent / acknowledged / refused on the chosen channel; filtered to who must be told, changed, withdrawn (to
// be told not to come) or refused.
import type { InstructionsView } from '../../api/types.ts';
import { fmt, placeName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { newCodeOnly, shownState } from './shown-state.ts';

export type Filter = 'all' | 'untold' | 'changed' | 'withdrawn' | 'refused';
export type Channel = 'sms' | 'signal' | 'whatsapp' | 'slip' | 'voice';
const FILTERS: readonly Filter[] = ['all', 'untold', 'changed', 'withdrawn', 'refused'];
const CHANNELS: readonly Channel[] = ['sms', 'signal', 'whatsapp', 'slip', 'voice'];
const RECORDS = ['sent', 'acknowledged', 'refused'] as const;

type Row = InstructionsView['households'][number];

function matches(row: Row, filter: Filter, untold: ReadonlySet<string>): boolean {
  if (filter === 'untold') return untold.has(row.household_id);
  if (filter === 'changed') return shownState(row) === 'changed_since_sent';
  if (filter === 'withdrawn') return shownState(row) === 'withdrawn';
  if (filter === 'refused') return row.state === 'refused';
  return true;
}

/** The note under a withdrawn household's state: to tell, told, or never told (nothing to send). */
function withdrawnNote(row: Row): string | null {
  if (!row.withdrawn || shownState(row) === 'withdrawn') return null;
  return row.state === 'not_issued' ? t('instructions.withdrawnUntold') : t('instructions.withdrawnTold');
}

interface Props {
  readonly view: InstructionsView;
  readonly filter: Filter;
  readonly onFilter: (filter: Filter) => void;
  readonly channel: Channel;
  readonly onChannel: (channel: Channel) => void;
  readonly onRecord: (householdId: string, state: (typeof RECORDS)[number]) => void;
}

export function InstructionsTable({ view, filter, onFilter, channel, onChannel, onRecord }: Props) {
  const untold = new Set(view.not_yet_told);
  const rows = view.households.filter((r) => matches(r, filter, untold));
  return (
    <section class="card">
      <div class="instruction-controls">
        <label class="row">
          {t('instructions.filter.label')}{' '}
          <select
            value={filter}
            onChange={(e) => onFilter((e.target as HTMLSelectElement).value as Filter)}
            data-testid="instructions-filter"
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`instructions.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="row">
          {t('instructions.channel.label')}{' '}
          <select
            value={channel}
            onChange={(e) => onChannel((e.target as HTMLSelectElement).value as Channel)}
            data-testid="instructions-channel"
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`instructions.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <p class="muted">{t('instructions.none')}</p>
      ) : (
        <table data-testid="instructions-table">
          <thead>
            <tr>
              <th>{t('instructions.column.household')}</th>
              <th>{t('instructions.column.persons')}</th>
              <th>{t('instructions.column.assemblyPoint')}</th>
              <th>{t('instructions.column.window')}</th>
              <th>{t('instructions.column.parts')}</th>
              <th>{t('instructions.column.state')}</th>
              <th>{t('instructions.column.last')}</th>
              <th>{t('instructions.column.record')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.household_id} data-testid={`instruction-${r.household_id}`} data-state={shownState(r)}>
                <td dir="ltr" class="household-id">
                  {r.household_id}
                </td>
                <td>{fmt.number(r.persons)}</td>
                <td>{r.assembly_point === null ? '–' : placeName(r.assembly_point)}</td>
                <td>{r.window_from && r.window_to ? fmt.window(r.window_from, r.window_to) : '–'}</td>
                <td>
                  {r.parts === null ? '–' : fmt.number(r.parts)}
                  {r.assembly_point !== null && !r.has_phone ? (
                    <span class="muted"> · {t('instructions.noPhone')}</span>
                  ) : null}
                </td>
                <td>
                  <span class={`state state-${shownState(r)}`}>{t(`instructions.state.${shownState(r)}`)}</span>
                  {withdrawnNote(r) ? <div class="muted">{withdrawnNote(r)}</div> : null}
                  {newCodeOnly(r) ? (
                    <div class="muted" data-testid="code-spent">
                      {t('instructions.codeSpent')}
                    </div>
                  ) : r.change === 'changed' ? (
                    <div class="muted">
                      {t('instructions.changedFields', {
                        fields: fmt.list(r.changed_fields.map((f) => t(`instructions.field.${f}`))),
                      })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {r.last
                    ? `${t(`instructions.state.${r.last.state}`)} · ${r.last.channel ? t(`instructions.channel.${r.last.channel}`) : ''} · ${fmt.dateTime(r.last.at)}`
                    : '–'}
                </td>
                <td class="record-buttons">
                  {r.state === 'not_issued'
                    ? null
                    : RECORDS.map((state) => (
                        <button
                          key={state}
                          type="button"
                          onClick={() => onRecord(r.household_id, state)}
                          data-testid={`record-${state}-${r.household_id}`}
                        >
                          {t(`instructions.record.${state}`)}
                        </button>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// Reconciliation (planned vs what happened, totals without personal data) and re-issue after a plan change.
import { describe, expect, it } from 'vitest';
import {
  deriveStatuses,
  type InstructionFields,
  reconcile,
  reissue,
  type StatusEvent,
} from '../../src/core/operation/index.ts';
import type { Scenario } from '../../src/core/scenario/scenario.ts';

const scenario = {
  households: [
    { household_id: 'H1', member_ids: ['P1', 'P2'], head_id: 'P1' },
    { household_id: 'H2', member_ids: ['P3'], head_id: 'P3' },
    { household_id: 'H3', member_ids: ['P4'], head_id: 'P4' },
  ],
} as unknown as Scenario;

const convoys = [
  {
    vehicle: 'bus',
    vehicle_index: 0,
    trip: 1,
    assembly_point: 'ap-1',
    boards_at: '2018-07-21T20:45+03:00',
    leaves_at: '2018-07-21T21:00+03:00',
    exit: 'exit-a',
    households: [{ household_id: 'H1' }, { household_id: 'H2' }],
  },
];

let n = 0;
const ev = (personId: string, status: StatusEvent['status'], time: string, more: Partial<StatusEvent> = {}) =>
  ({
    id: `e${n++}`,
    personId,
    status,
    at: `2018-07-21T${time}+03:00`,
    recordedBy: 'o',
    device: 'd',
    ...more,
  }) as StatusEvent;

describe('reconcile', () => {
  const events = [
    ev('P1', 'at_assembly_point', '20:40'),
    ev('P1', 'boarded', '20:50', { vehicle: 'bus.0#1' }),
    ev('P1', 'crossed', '22:00', { exit: 'exit-a' }),
    ev('P2', 'at_assembly_point', '20:40'),
    ev('P2', 'missing', '21:00', { note: 'not on the bus' }),
    ev('P3', 'informed', '18:00'),
    ev('P3', 'declined', '19:00'),
  ];
  const report = reconcile(scenario, convoys, deriveStatuses(events), new Map([['H1', 'CAN']]));

  it('gives each person the planned convoy, the last status and, if not out, the reason', () => {
    expect(report.persons).toEqual([
      expect.objectContaining({
        person_id: 'P1',
        planned_convoy: 'bus.0#1',
        status: 'crossed',
        exit: 'exit-a',
        outcome: 'out',
      }),
      expect.objectContaining({
        person_id: 'P2',
        status: 'missing',
        outcome: 'not_out',
        reason: 'missing: not on the bus',
      }),
      expect.objectContaining({ person_id: 'P3', status: 'declined', outcome: 'not_out', reason: 'declined' }),
      expect.objectContaining({ person_id: 'P4', status: 'not_contacted', outcome: 'in_progress' }),
    ]);
    expect(report.persons[3]).not.toHaveProperty('planned_convoy');
  });

  it('marks a household whose members ended apart', () => {
    expect(report.households.find((h) => h.household_id === 'H1')).toMatchObject({ out: 1, not_out: 1, split: true });
    expect(report.households.find((h) => h.household_id === 'H2')!.split).toBe(false);
  });

  it('totals per exit and per pledge carry counts only', () => {
    expect(report.byExit).toEqual([
      {
        exit: 'exit-a',
        planned: 3,
        crossed: 1,
        arrived: 0,
        missing: 1,
        detained: 0,
        turned_back: 0,
        declined: 1,
        other: 0,
      },
      {
        exit: 'unplanned',
        planned: 0,
        crossed: 0,
        arrived: 0,
        missing: 0,
        detained: 0,
        turned_back: 0,
        declined: 0,
        other: 1,
      },
    ]);
    expect(report.byCountry.map((c) => [c.country, c.planned, c.crossed])).toEqual([
      ['CAN', 2, 1],
      ['none', 1, 0],
    ]);
    expect(JSON.stringify([report.byExit, report.byCountry])).not.toMatch(/P\d|H\d/);
  });
});

describe('re-issue', () => {
  const fields = (id: string, more: Partial<InstructionFields> = {}): InstructionFields => ({
    household_id: id,
    assembly_point: 'ap-1',
    window_from: '2018-07-21T20:30+03:00',
    window_to: '2018-07-21T20:45+03:00',
    vehicle: 'bus.0#1',
    exit: 'exit-a',
    ...more,
  });

  it('lists only the households whose instruction changed, with the field, and who has not been told', () => {
    const previous = [fields('H1'), fields('H2'), fields('H3'), fields('H4')];
    const next = [
      fields('H1'),
      fields('H2', { window_from: '2018-07-21T21:30+03:00', window_to: '2018-07-21T21:45+03:00' }),
      fields('H3', { vehicle: 'bus.1#1' }),
      fields('H5'),
    ];
    const sent = [
      { household_id: 'H1', at: '2018-07-21T12:00+03:00', channel: 'sms', outcome: 'acknowledged' },
      { household_id: 'H2', at: '2018-07-21T12:00+03:00', channel: 'sms', outcome: 'sent' },
      { household_id: 'H3', at: '2018-07-21T12:00+03:00', channel: 'slip', outcome: 'refused' },
    ] as const;
    const r = reissue(previous, next, sent);
    expect(r.changes).toEqual([
      { household_id: 'H2', change: 'changed', fields: ['window'] },
      { household_id: 'H3', change: 'changed', fields: ['vehicle'] },
      { household_id: 'H4', change: 'withdrawn', fields: [] },
      { household_id: 'H5', change: 'added', fields: [] },
    ]);
    expect(r.notTold).toEqual(['H3', 'H5']);
    expect(r.refused).toEqual(['H3']);
    expect(r.toSend).toEqual(['H2', 'H3', 'H4', 'H5']);
  });
});

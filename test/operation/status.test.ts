// The status machine and offline sync: derived statuses, refused transitions, household check-in, merge order.
import { describe, expect, it } from 'vitest';
import {
  canMove,
  checkInHousehold,
  deriveStatuses,
  mergeLogs,
  type PersonStatus,
  STATUSES,
  type StatusEvent,
} from '../../src/core/operation/index.ts';

const ev = (id: string, personId: string, status: PersonStatus, time: string, more: Partial<StatusEvent> = {}) =>
  ({
    id,
    personId,
    status,
    at: `2018-07-21T${time}+03:00`,
    recordedBy: 'officer-1',
    device: 'phone-a',
    ...more,
  }) satisfies StatusEvent;

describe('status machine', () => {
  it('derives the status from the events, in time order, whatever order they are listed in', () => {
    const events = [
      ev('e3', 'P1', 'boarded', '20:50', { vehicle: 'bus-1' }),
      ev('e1', 'P1', 'informed', '18:00'),
      ev('e2', 'P1', 'at_assembly_point', '20:35'),
    ];
    const state = deriveStatuses(events).get('P1')!;
    expect(state.status).toBe('boarded');
    expect(state.vehicle).toBe('bus-1');
    expect(state.since).toBe('2018-07-21T20:50+03:00');
    expect(state.applied.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(deriveStatuses(events, ['P2']).get('P2')!.status).toBe('not_contacted');
  });

  it('orders events within one second by their milliseconds (a phone checks in, then boards, 300 ms apart)', () => {
    // Ids that would sort the other way round: only the time may decide.
    const events = [
      ev('a', 'P1', 'boarded', '20:50:07.400', { vehicle: 'bus-1' }),
      ev('z', 'P1', 'at_assembly_point', '20:50:07.100'),
    ];
    const state = deriveStatuses(events).get('P1')!;
    expect(state.status).toBe('boarded');
    expect(state.applied.map((e) => e.id)).toEqual(['z', 'a']);
  });

  it('refuses crossed before boarded with a typed error, and keeps the refused event visible', () => {
    const state = deriveStatuses([
      ev('e1', 'P1', 'at_assembly_point', '20:35'),
      ev('e2', 'P1', 'crossed', '21:30', { exit: 'exit-nasib' }),
    ]).get('P1')!;
    expect(state.status).toBe('at_assembly_point');
    expect(state.refused).toEqual([
      {
        event: expect.objectContaining({ id: 'e2' }),
        error: {
          kind: 'impossible-transition',
          eventId: 'e2',
          personId: 'P1',
          from: 'at_assembly_point',
          to: 'crossed',
        },
      },
    ]);
  });

  it('never lets a person skip a step on the way out, nor go back from in resettlement', () => {
    const way = ['not_contacted', 'informed', 'at_assembly_point', 'boarded', 'crossed', 'arrived', 'in_resettlement'];
    for (const [i, from] of way.entries()) {
      for (const [j, to] of way.entries()) {
        const walkIn = from === 'not_contacted' && to === 'at_assembly_point';
        expect(canMove(from as PersonStatus, to as PersonStatus), `${from} → ${to}`).toBe(j === i + 1 || walkIn);
      }
    }
    for (const to of STATUSES) expect(canMove('in_resettlement', to)).toBe(false);
  });

  it('requires the vehicle for boarded and the exit for crossed', () => {
    const state = deriveStatuses([
      ev('e1', 'P1', 'at_assembly_point', '20:35'),
      ev('e2', 'P1', 'boarded', '20:50'),
    ]).get('P1')!;
    expect(state.refused[0]!.error).toEqual({ kind: 'missing-field', eventId: 'e2', field: 'vehicle' });
  });

  it('records the reason a person is missing and lets them reappear', () => {
    const missing = deriveStatuses([
      ev('e1', 'P1', 'at_assembly_point', '20:35'),
      ev('e2', 'P1', 'missing', '21:10', { note: 'not at the bus at departure' }),
    ]).get('P1')!;
    expect(missing).toMatchObject({ status: 'missing', note: 'not at the bus at departure' });
    const found = deriveStatuses([...missing.applied, ev('e3', 'P1', 'at_assembly_point', '22:00')]).get('P1')!;
    expect(found.status).toBe('at_assembly_point');
  });

  it('checks a household in together: one event per member, or none if one member cannot move', () => {
    const base = {
      idPrefix: 'ci-1',
      status: 'at_assembly_point' as const,
      at: '2018-07-21T20:40+03:00',
      recordedBy: 'officer-1',
      device: 'phone-a',
    };
    const states = deriveStatuses([], ['P1', 'P2', 'P3']);
    const checked = checkInHousehold(states, ['P1', 'P2', 'P3'], base);
    expect(checked.ok && checked.value.map((e) => [e.id, e.personId])).toEqual([
      ['ci-1:P1', 'P1'],
      ['ci-1:P2', 'P2'],
      ['ci-1:P3', 'P3'],
    ]);
    const declined = deriveStatuses([ev('d', 'P2', 'declined', '19:00'), ev('d2', 'P2', 'informed', '19:05')]);
    expect(checkInHousehold(declined, ['P1', 'P2'], { ...base, status: 'boarded', vehicle: 'bus-1' })).toMatchObject({
      ok: false,
      error: [
        { kind: 'impossible-transition', personId: 'P1' },
        { kind: 'impossible-transition', personId: 'P2' },
      ],
    });
  });
});

describe('offline sync', () => {
  it('counts an event received from two devices once', () => {
    const e = ev('e1', 'P1', 'at_assembly_point', '20:35');
    const merged = mergeLogs([[e], [{ ...e }], [e]]);
    expect(merged.events).toEqual([e]);
    expect(merged.repeated).toBe(2);
    expect(merged.conflicts).toEqual([]);
  });

  it('two devices checking in the same person: one event counts, the other is shown as a duplicate', () => {
    const a = ev('a-1', 'P1', 'at_assembly_point', '20:36', { device: 'phone-a' });
    const b = ev('b-1', 'P1', 'at_assembly_point', '20:36', { device: 'phone-b' });
    const merged = mergeLogs([[b], [a]]);
    expect(merged.events.map((e) => e.id)).toEqual(['a-1', 'b-1']);
    expect(merged.conflicts).toEqual([
      { kind: 'duplicate', personId: 'P1', status: 'at_assembly_point', kept: a, other: b },
    ]);
    const state = deriveStatuses(merged.events).get('P1')!;
    expect(state.applied).toEqual([a]);
  });

  it('resolves conflicting events the same way whatever the merge order', () => {
    const phoneA = [
      ev('a-1', 'P1', 'at_assembly_point', '20:36', { device: 'phone-a' }),
      ev('a-2', 'P1', 'boarded', '20:50', { device: 'phone-a', vehicle: 'bus-1' }),
      ev('a-3', 'P2', 'at_assembly_point', '20:40', { device: 'phone-a' }),
    ];
    const phoneB = [
      ev('b-1', 'P1', 'at_assembly_point', '20:37', { device: 'phone-b' }),
      ev('b-2', 'P1', 'boarded', '20:50', { device: 'phone-b', vehicle: 'bus-2' }),
      ev('a-3', 'P2', 'at_assembly_point', '20:40', { device: 'phone-b', note: 'edited' }),
    ];
    const one = mergeLogs([phoneA, phoneB]);
    const other = mergeLogs([[...phoneB].reverse(), [...phoneA].reverse()]);
    expect(other).toEqual(one);
    expect(deriveStatuses(one.events).get('P1')).toMatchObject({ status: 'boarded', vehicle: 'bus-1' });
    expect(one.conflicts.map((c) => c.kind).sort()).toEqual([
      'contradiction',
      'duplicate',
      'same-id-different-content',
    ]);
    // Nothing lost: every distinct event is in the merged log or, for a clashing id, in the conflict report.
    const kept = new Set(one.events.map((e) => e.id));
    for (const e of [...phoneA, ...phoneB]) expect(kept.has(e.id)).toBe(true);
  });
});

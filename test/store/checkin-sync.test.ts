// Status events in the store: late syncs judged where they belong in time, one check-in counted once, households all or none, notes sealed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveStatuses } from '../../src/core/operation/status.ts';
import { mergeLogs } from '../../src/core/operation/sync.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import type { AccessContext } from '../../src/store/access-context.ts';
import { type DeviceEvent, recordStatusEvents, statusEventsOf } from '../../src/store/checkin-events.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import type { Store } from '../../src/store/store.ts';
import { deviceEvent } from './device-event.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

const event = deviceEvent;

describe.each(DIALECTS)('status events in the store on $name', (dialect) => {
  let store: Store;
  let ctx: AccessContext;
  beforeAll(async () => {
    store = (await freshStore(dialect)).store;
    ctx = await seedOrganisation(store, 'ngo-a', 'ngo', 'field_officer');
  }, 120_000);
  afterAll(() => store.close());

  /** Each test its own scenario, so the persons start not contacted. */
  async function scenario(): Promise<string> {
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(
      store,
      { ...ctx, actor: { ...ctx.actor, role: 'coordinator' } },
      loaded.scenario!,
    );
    if (!imported.ok) throw new Error(imported.error.kind);
    return imported.value.scenarioId;
  }
  async function record(scenarioId: string, events: DeviceEvent[]) {
    const r = await recordStatusEvents(store, ctx, scenarioId, events);
    if (!r.ok) throw new Error(r.error.kind);
    return r.value;
  }
  async function stored(scenarioId: string) {
    const log = await statusEventsOf(store, ctx, scenarioId, { notes: true });
    if (!log.ok) throw new Error(log.error.kind);
    return log.value.events;
  }

  it('a late sync of earlier events ends where an in-time one would: nothing refused, the person crossed', async () => {
    const id = await scenario();
    // Device A was offline at the assembly point; device B at the exit synced first.
    const phoneA = [
      event('a-1', 'p4', 'at_assembly_point', '2018-07-21T20:00+03:00', 'phone-a'),
      event('a-2', 'p4', 'boarded', '2018-07-21T20:30+03:00', 'phone-a', { vehicle: 'bus-1#1' }),
    ];
    const phoneB = [event('b-1', 'p4', 'crossed', '2018-07-21T21:00+03:00', 'phone-b', { exit: 'x1' })];
    const first = await record(id, phoneB);
    // Kept, waiting for the steps before it: not refused, not lost.
    expect(first).toMatchObject({ accepted: [], refused: [], pending: [{ id: 'b-1' }] });
    expect(first.pending[0]?.error).toMatchObject({
      kind: 'impossible-transition',
      from: 'not_contacted',
      to: 'crossed',
    });
    const late = await record(id, phoneA);
    expect(late).toEqual({ accepted: ['a-1', 'a-2'], duplicates: [], pending: [], refused: [] });
    const log = await stored(id);
    const state = deriveStatuses(log).get('p4');
    expect(state).toMatchObject({ status: 'crossed', exit: 'x1', vehicle: 'bus-1#1', refused: [] });
    // The same answer as the core merge of both devices' logs.
    const merged = mergeLogs([phoneB, phoneA]);
    expect(merged.conflicts).toEqual([]);
    expect(log.map((e) => e.id)).toEqual(merged.events.map((e) => e.id));
  });

  it('an event stamped earlier than a stored later step is accepted (the old check refused it)', async () => {
    const id = await scenario();
    await record(id, [event('c-1', 'p6', 'informed', '2018-07-21T18:00+03:00', 'hq')]);
    await record(id, [event('c-3', 'p6', 'boarded', '2018-07-21T20:30+03:00', 'phone-b', { vehicle: 'bus-2' })]);
    const late = await record(id, [event('c-2', 'p6', 'at_assembly_point', '2018-07-21T20:00+03:00', 'phone-a')]);
    expect(late.accepted).toEqual(['c-2']);
    expect(deriveStatuses(await stored(id)).get('p6')).toMatchObject({ status: 'boarded', refused: [] });
  });

  it('never silently undoes an accepted event: a late event that would is refused, naming what it displaces', async () => {
    const id = await scenario();
    const crossedTrip = (person: string, prefix: string) => [
      event(`${prefix}-1`, person, 'at_assembly_point', '2018-07-21T09:00+03:00', 'phone-a'),
      event(`${prefix}-2`, person, 'boarded', '2018-07-21T09:30+03:00', 'phone-a', { vehicle: 'bus-1' }),
      event(`${prefix}-3`, person, 'crossed', '2018-07-21T10:00+03:00', 'phone-a', { exit: 'x1' }),
    ];
    expect((await record(id, [...crossedTrip('p3', 'k'), ...crossedTrip('p7', 'm')])).accepted).toHaveLength(6);
    // Detained at 09:45 would make the crossing at 10:00 impossible.
    const detained = await record(id, [
      event('k-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b', { note: 'held at the bridge' }),
    ]);
    expect(detained).toEqual({
      accepted: [],
      duplicates: [],
      pending: [],
      refused: [
        {
          id: 'k-late',
          error: { kind: 'contradicts-recorded', eventId: 'k-late', personId: 'p3', displaced: ['k-3'] },
        },
      ],
    });
    // Declined at 09:10 would un-apply both the boarding and the crossing.
    const declined = await record(id, [event('m-late', 'p7', 'declined', '2018-07-21T09:10+03:00', 'phone-b')]);
    expect(declined.refused).toEqual([
      {
        id: 'm-late',
        error: { kind: 'contradicts-recorded', eventId: 'm-late', personId: 'p7', displaced: ['m-2', 'm-3'] },
      },
    ]);
    const log = await stored(id);
    expect(log.map((e) => e.id)).not.toContain('k-late');
    expect(log.map((e) => e.id)).not.toContain('m-late');
    const states = deriveStatuses(log);
    expect(states.get('p3')).toMatchObject({ status: 'crossed', refused: [] });
    expect(states.get('p7')).toMatchObject({ status: 'crossed', refused: [] });
    // A late event that leaves every accepted one applied is still accepted (missing, then found at the exit).
    const missing = await record(id, [event('k-miss', 'p3', 'missing', '2018-07-21T09:45+03:00', 'phone-b')]);
    expect(missing.accepted).toEqual(['k-miss']);
    expect(deriveStatuses(await stored(id)).get('p3')).toMatchObject({ status: 'crossed', refused: [] });
  });

  it('two devices checking in the same person count once, whichever syncs first', async () => {
    const id = await scenario();
    const a = event('d-a', 'p1', 'at_assembly_point', '2018-07-21T20:00+03:00', 'phone-a');
    const b = event('d-b', 'p1', 'at_assembly_point', '2018-07-21T20:05+03:00', 'phone-b');
    expect((await record(id, [b])).accepted).toEqual(['d-b']);
    const second = await record(id, [a]);
    expect(second.accepted).toEqual([]);
    expect(second.refused).toEqual([
      {
        id: 'd-a',
        error: { kind: 'already-recorded', eventId: 'd-a', personId: 'p1', status: 'at_assembly_point', kept: 'd-b' },
      },
    ]);
    // And the other order on another person.
    const c = event('d-c', 'p2', 'at_assembly_point', '2018-07-21T20:00+03:00', 'phone-a');
    const d = event('d-d', 'p2', 'at_assembly_point', '2018-07-21T20:05+03:00', 'phone-b');
    expect((await record(id, [c])).accepted).toEqual(['d-c']);
    expect((await record(id, [d])).refused[0]?.error).toMatchObject({ kind: 'already-recorded', kept: 'd-c' });
    const log = await stored(id);
    expect(log.filter((e) => e.status === 'at_assembly_point').length).toBe(2);
    const states = deriveStatuses(log);
    expect([states.get('p1')?.status, states.get('p2')?.status]).toEqual(['at_assembly_point', 'at_assembly_point']);
    expect([...states.values()].flatMap((s) => s.refused)).toEqual([]);
    // Re-sending the same queue is harmless.
    expect(await record(id, [b, c])).toMatchObject({ accepted: [], duplicates: ['d-c', 'd-b'], refused: [] });
  });

  it('refuses impossible moves with the reason and writes nothing for them', async () => {
    const id = await scenario();
    await record(id, [
      event('e-1', 'p5', 'at_assembly_point', '2018-07-21T20:00+03:00', 'a'),
      event('e-2', 'p5', 'boarded', '2018-07-21T20:30+03:00', 'a', { vehicle: 'bus-1' }),
      event('e-3', 'p5', 'crossed', '2018-07-21T21:00+03:00', 'a', { exit: 'x1' }),
    ]);
    const batch = await record(id, [
      event('e-4', 'p5', 'at_assembly_point', '2018-07-21T22:00+03:00', 'b'),
      event('e-5', 'p5', 'declined', '2018-07-21T22:10+03:00', 'b'),
      event('e-6', 'p7', 'boarded', '2018-07-21T22:00+03:00', 'b'),
    ]);
    expect(batch.accepted).toEqual([]);
    expect(batch.refused).toEqual([
      {
        id: 'e-4',
        error: expect.objectContaining({ kind: 'impossible-transition', from: 'crossed', to: 'at_assembly_point' }),
      },
      { id: 'e-6', error: { kind: 'missing-field', eventId: 'e-6', field: 'vehicle' } },
      { id: 'e-5', error: expect.objectContaining({ kind: 'impossible-transition', from: 'crossed', to: 'declined' }) },
    ]);
    expect((await stored(id)).map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('boards a household all or none: one member who cannot board holds the others back', async () => {
    const id = await scenario();
    await record(id, [
      event('f-1', 'p4', 'at_assembly_point', '2018-07-21T20:00+03:00', 'a', { group: 'g1' }),
      event('f-2', 'p5', 'at_assembly_point', '2018-07-21T20:00+03:00', 'a', { group: 'g1' }),
      event('f-3', 'p5', 'declined', '2018-07-21T20:10+03:00', 'a', { note: 'stays with her sister' }),
    ]);
    const boarding = await record(id, [
      event('f-4', 'p4', 'boarded', '2018-07-21T20:30+03:00', 'a', { vehicle: 'bus-1', group: 'g2' }),
      event('f-5', 'p5', 'boarded', '2018-07-21T20:30+03:00', 'a', { vehicle: 'bus-1', group: 'g2' }),
    ]);
    expect(boarding.accepted).toEqual([]);
    // In canonical order (time, device, id).
    expect(boarding.refused).toEqual([
      { id: 'f-4', error: { kind: 'group-refused', eventId: 'f-4', group: 'g2', because: 'f-5' } },
      { id: 'f-5', error: expect.objectContaining({ kind: 'impossible-transition', from: 'declined', to: 'boarded' }) },
    ]);
    expect(deriveStatuses(await stored(id)).get('p4')?.status).toBe('at_assembly_point');
  });

  it('seals a note: not in the row, not in the audit, opened for the store reader', async () => {
    const id = await scenario();
    const note = 'last seen at the Nawa bakery roadblock';
    await record(id, [event('g-1', 'p6', 'missing', '2018-07-21T20:00+03:00', 'a', { note })]);
    const rows = await sql<{
      t: string;
    }>`select row_to_json(s)::text as t from status_events s where id = 'g-1'`.execute(store.db);
    expect(rows.rows[0]?.t).not.toContain('bakery');
    const audit = await sql<{ t: string }>`select string_agg(row_to_json(a)::text, ' ') as t from audit_log a`.execute(
      store.db,
    );
    expect(audit.rows[0]?.t).not.toContain('bakery');
    expect((await stored(id)).find((e) => e.id === 'g-1')?.note).toBe(note);
    // Not decrypted for a reader who did not ask (the live counts).
    const plain = await statusEventsOf(store, ctx, id);
    expect(plain.ok && plain.value.events.find((e) => e.id === 'g-1')).not.toHaveProperty('note');
  });
});

// Late check-ins that contradict accepted ones: held for a coordinator (once, sealed), not applied; dismissed or accepted, audited.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveStatuses } from '../../src/core/operation/status.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import type { AccessContext } from '../../src/store/access-context.ts';
import { type DeviceEvent, recordStatusEvents, statusEventsOf } from '../../src/store/checkin-events.ts';
import { heldStatusEventsOf, resolveHeldEvent } from '../../src/store/checkin-held.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import type { Store } from '../../src/store/store.ts';
import { deviceEvent } from './device-event.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

const event = deviceEvent;

/** p3 (household h1) at the assembly point 09:00, boarded 09:30, crossed 10:00: all accepted. */
const crossedTrip = (person: string, prefix: string) => [
  event(`${prefix}-1`, person, 'at_assembly_point', '2018-07-21T09:00+03:00', 'phone-a'),
  event(`${prefix}-2`, person, 'boarded', '2018-07-21T09:30+03:00', 'phone-a', { vehicle: 'bus-1' }),
  event(`${prefix}-3`, person, 'crossed', '2018-07-21T10:00+03:00', 'phone-a', { exit: 'x1' }),
];

describe.each(DIALECTS)('held late check-ins on $name', (dialect) => {
  let store: Store;
  let officer: AccessContext;
  let coordinator: AccessContext;
  beforeAll(async () => {
    store = (await freshStore(dialect)).store;
    officer = await seedOrganisation(store, 'ngo-a', 'ngo', 'field_officer');
    coordinator = contextOf('ngo-a', 'coordinator');
  }, 120_000);
  afterAll(() => store.close());

  async function scenario(): Promise<string> {
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, coordinator, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    return imported.value.scenarioId;
  }
  async function record(scenarioId: string, events: DeviceEvent[]) {
    const r = await recordStatusEvents(store, officer, scenarioId, events);
    if (!r.ok) throw new Error(r.error.kind);
    return r.value;
  }
  async function held(scenarioId: string, ctx: AccessContext = coordinator) {
    const r = await heldStatusEventsOf(store, ctx, scenarioId);
    if (!r.ok) throw new Error(r.error.kind);
    return r.value;
  }
  async function states(scenarioId: string) {
    const log = await statusEventsOf(store, coordinator, scenarioId);
    if (!log.ok) throw new Error(log.error.kind);
    return { ids: log.value.events.map((e) => e.id), states: deriveStatuses(log.value.events) };
  }
  async function auditActions(entityId: string) {
    const rows = await store.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'actor_user_id'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
    return rows;
  }

  it('holds a late contradicting event instead of losing it, and does not apply it', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p3', 'k'));
    const note = 'detained at the Tafas checkpoint, taken off the bus';
    const late = await record(id, [event('k-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b', { note })]);
    // The device is told what it was before: refused, contradicts-recorded.
    expect(late.refused).toEqual([
      { id: 'k-late', error: { kind: 'contradicts-recorded', eventId: 'k-late', personId: 'p3', displaced: ['k-3'] } },
    ]);
    const after = await states(id);
    expect(after.ids).not.toContain('k-late');
    expect(after.states.get('p3')?.status).toBe('crossed');
    // But the coordinator sees it: the event as sent, the household, why, and what it would displace.
    const list = await held(id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      event: {
        id: 'k-late',
        personId: 'p3',
        status: 'detained',
        at: '2018-07-21T09:45+03:00',
        device: 'phone-b',
        note,
      },
      householdId: 'h1',
      refusal: { kind: 'contradicts-recorded', displaced: ['k-3'] },
      displaced: [{ id: 'k-3', status: 'crossed', at: '2018-07-21T10:00+03:00', device: 'phone-a' }],
      resolution: null,
    });
    expect(list[0]?.event.recordedBy).toBe(officer.actor.userId);
    // Sealed at rest, never in the audit text; the holding is audited against the person.
    const row = await sql<{ t: string }>`select row_to_json(h)::text as t from held_status_events h`.execute(store.db);
    expect(row.rows[0]?.t).not.toContain('Tafas');
    const audit = await sql<{ t: string }>`select string_agg(row_to_json(a)::text, ' ') as t from audit_log a`.execute(
      store.db,
    );
    expect(audit.rows[0]?.t).not.toContain('Tafas');
    expect(await auditActions('p3')).toContainEqual(
      expect.objectContaining({ action: 'status:held:detained', entity: 'person' }),
    );
    // A field officer of the organisation may read the list too.
    expect(await held(id, officer)).toHaveLength(1);
  });

  it('holds the same submission once, however often the queue is re-sent', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p7', 'm'));
    const declined = event('m-late', 'p7', 'declined', '2018-07-21T09:10+03:00', 'phone-b', { note: 'stays' });
    const first = await record(id, [declined]);
    const second = await record(id, [declined]);
    expect(second.refused).toEqual(first.refused);
    const list = await held(id);
    expect(list.map((h) => h.event.id)).toEqual(['m-late']);
    expect(list[0]?.displaced.map((d) => d.id)).toEqual(['m-2', 'm-3']);
    expect(await auditActions('p7')).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'status:held:declined' })]),
    );
    expect((await auditActions('p7')).filter((a) => a.action === 'status:held:declined')).toHaveLength(1);
  });

  it('holds a household member refused together with the contradicting one, but not ordinary refusals', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p4', 'n'));
    await record(id, [event('n-p5', 'p5', 'at_assembly_point', '2018-07-21T09:00+03:00', 'phone-a')]);
    const batch = await record(id, [
      event('g-p4', 'p4', 'detained', '2018-07-21T09:45+03:00', 'phone-b', { group: 'h2-detained' }),
      event('g-p5', 'p5', 'detained', '2018-07-21T09:45+03:00', 'phone-b', { group: 'h2-detained' }),
      // Impossible in itself (no vehicle): the device's own error, not an observation to weigh.
      event('bad', 'p6', 'boarded', '2018-07-21T09:45+03:00', 'phone-b'),
    ]);
    expect(batch.refused.map((r) => [r.id, r.error.kind])).toEqual([
      ['bad', 'missing-field'],
      ['g-p4', 'contradicts-recorded'],
      ['g-p5', 'group-refused'],
    ]);
    const list = await held(id);
    expect(list.map((h) => [h.event.id, h.refusal.kind, h.event.group])).toEqual([
      ['g-p4', 'contradicts-recorded', 'h2-detained'],
      ['g-p5', 'group-refused', 'h2-detained'],
    ]);
    // Accepting the household member alone applies it: nothing of hers contradicts it.
    const accepted = await resolveHeldEvent(store, coordinator, id, 'g-p5', { action: 'accept' });
    expect(accepted.ok && accepted.value.resolution).toMatchObject({ kind: 'accepted', superseded: [] });
    expect((await states(id)).states.get('p5')?.status).toBe('detained');
  });

  it('dismiss: the log is unchanged, the resolution is recorded with who, when and a sealed note, and audited', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p3', 'q'));
    await record(id, [event('q-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b')]);
    const before = await states(id);
    const note = 'phone clock was wrong, he crossed: called the Ramtha desk';
    const later = { ...coordinator, now: new Date('2018-07-21T08:00:00Z') };
    const dismissed = await resolveHeldEvent(store, later, id, 'q-late', { action: 'dismiss', note });
    expect(dismissed.ok).toBe(true);
    if (!dismissed.ok) return;
    expect(dismissed.value.resolution).toEqual({
      kind: 'dismissed',
      by: coordinator.actor.userId,
      // The test's users have no account rows: no username to show.
      byUsername: null,
      at: later.now,
      note,
      superseded: [],
    });
    const after = await states(id);
    expect(after.ids).toEqual(before.ids);
    expect(after.states.get('p3')?.status).toBe('crossed');
    expect((await held(id))[0]?.resolution).toMatchObject({ kind: 'dismissed', note });
    const row = await sql<{
      t: string;
    }>`select row_to_json(h)::text as t from held_status_events h where id = 'q-late'`.execute(store.db);
    expect(row.rows[0]?.t).not.toContain('Ramtha');
    const audit = await auditActions('q-late');
    expect(audit).toContainEqual({
      action: 'status:held-dismiss',
      entity: 'held-status-event',
      actor_user_id: coordinator.actor.userId,
    });
    // Every read of it is audited too.
    expect(audit.filter((a) => a.action === 'status:held-read').length).toBeGreaterThanOrEqual(1);
    // Settled once: a second decision is refused and changes nothing.
    const again = await resolveHeldEvent(store, coordinator, id, 'q-late', { action: 'accept' });
    expect(again).toEqual({
      ok: false,
      error: { kind: 'already-resolved', heldId: 'q-late', resolution: 'dismissed' },
    });
    expect((await states(id)).ids).toEqual(before.ids);
    // Re-sent after the dismissal: a duplicate (the dismissal stands, whatever the log became), still held once.
    const resent = await record(id, [event('q-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b')]);
    expect(resent).toMatchObject({ accepted: [], duplicates: ['q-late'], refused: [] });
    expect((await states(id)).ids).toEqual(before.ids);
    expect((await held(id)).map((h) => [h.event.id, h.resolution?.kind])).toEqual([['q-late', 'dismissed']]);
  });

  it('accept: written to the log at its own time, the events it contradicts no longer apply and are named', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p3', 'r'));
    const note = 'taken off the bus at the bridge';
    await record(id, [event('r-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b', { note })]);
    const accepted = await resolveHeldEvent(store, coordinator, id, 'r-late', {
      action: 'accept',
      note: 'confirmed by radio',
    });
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.value.resolution).toMatchObject({
      kind: 'accepted',
      by: coordinator.actor.userId,
      note: 'confirmed by radio',
      superseded: [{ id: 'r-3', status: 'crossed', at: '2018-07-21T10:00+03:00', device: 'phone-a' }],
    });
    // The person's status is what an in-time sync would have given: detained; the crossing stays in the
    // append-only log, refused by the replay (a conflict on the live screen), never deleted.
    const log = await statusEventsOf(store, coordinator, id, { notes: true });
    if (!log.ok) throw new Error(log.error.kind);
    const stored = log.value.events.find((e) => e.id === 'r-late');
    // Recorded by the officer who observed it, its note moved to the log sealed.
    expect(stored).toMatchObject({ status: 'detained', at: '2018-07-21T09:45+03:00', device: 'phone-b', note });
    expect(stored?.recordedBy).toBe(officer.actor.userId);
    const p3 = deriveStatuses(log.value.events).get('p3');
    expect(p3?.status).toBe('detained');
    expect(p3?.refused.map((r) => r.event.id)).toEqual(['r-3']);
    expect(log.value.events.map((e) => e.id)).toEqual(expect.arrayContaining(['r-1', 'r-2', 'r-3', 'r-late']));
    expect(await auditActions('r-late')).toContainEqual(
      expect.objectContaining({ action: 'status:held-accept', entity: 'held-status-event' }),
    );
    // The device re-sending it now gets a duplicate: nothing is held or written twice.
    const resent = await record(id, [event('r-late', 'p3', 'detained', '2018-07-21T09:45+03:00', 'phone-b')]);
    expect(resent).toMatchObject({ accepted: [], duplicates: ['r-late'], refused: [] });
    expect(await held(id)).toHaveLength(1);
  });

  it('accept is refused when the event can no longer apply at all; it can still be dismissed', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p6', 's'));
    await record(id, [event('s-late', 'p6', 'detained', '2018-07-21T09:45+03:00', 'phone-b')]);
    // Another phone's report of the same detention, also held, is accepted first: the second would count it twice.
    await record(id, [event('s-late-2', 'p6', 'detained', '2018-07-21T09:40+03:00', 'phone-c')]);
    expect(await resolveHeldEvent(store, coordinator, id, 's-late-2', { action: 'accept' })).toMatchObject({
      ok: true,
    });
    const refused = await resolveHeldEvent(store, coordinator, id, 's-late', { action: 'accept' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'no-longer-applies', heldId: 's-late' } });
    expect((await states(id)).ids).not.toContain('s-late');
    expect(await resolveHeldEvent(store, coordinator, id, 's-late', { action: 'dismiss' })).toMatchObject({
      ok: true,
    });
  });

  it('only coordinators of the organisation settle; a liaison or a viewer cannot even list', async () => {
    const id = await scenario();
    await record(id, crossedTrip('p1', 't'));
    await record(id, [event('t-late', 'p1', 'missing', '2018-07-21T09:20+03:00', 'phone-b')]);
    // A late "missing" between boarding and crossing leaves both standing: accepted, nothing held.
    expect(await held(id)).toEqual([]);
    await record(id, [event('t-late-2', 'p1', 'detained', '2018-07-21T09:45+03:00', 'phone-b')]);
    expect(await resolveHeldEvent(store, officer, id, 't-late-2', { action: 'dismiss' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', action: 'status.resolve' },
    });
    for (const role of ['government_liaison', 'viewer'] as const)
      expect(await heldStatusEventsOf(store, contextOf('ngo-a', role), id)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden', action: 'status.review' },
      });
    await seedOrganisation(store, 'ngo-b');
    expect(await heldStatusEventsOf(store, contextOf('ngo-b', 'coordinator'), id)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', reason: 'other-organisation' },
    });
    expect(await resolveHeldEvent(store, coordinator, id, 'no-such', { action: 'dismiss' })).toEqual({
      ok: false,
      error: { kind: 'no-such-held-event', heldId: 'no-such' },
    });
  });
});

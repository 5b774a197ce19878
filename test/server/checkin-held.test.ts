// Held late check-ins over the API: a contradicting late event is listed for review, settled by a coordinator, and hidden from a liaison.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.ts';
import { call, problemOf, type ServerFixture, usernameOf } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

interface Step {
  id: string;
  status: string;
  at: string;
  device: string;
}
interface Held {
  id: string;
  person_id: string;
  household_id: string | null;
  status: string;
  at: string;
  device: string;
  note?: string;
  submitted_by: string;
  submitted_by_username: string | null;
  received_at: string;
  refusal: { kind: string };
  displaced: Step[];
  resolution: null | {
    kind: string;
    by: string;
    by_username: string | null;
    at: string;
    note?: string;
    superseded: Step[];
  };
}

describe.each(DIALECTS)('held late check-ins over the API on $name', (dialect) => {
  let fx: ServerFixture;
  useServerFixture(dialect, (made) => {
    fx = made;
  });

  async function send(device: string, events: unknown[]) {
    const res = await call(fx.app, 'POST', '/api/status/events', {
      token: await fx.token('field_officer'),
      json: { device, events },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { accepted: string[]; refused: { id: string; error: { kind: string } }[] };
  }
  async function held(role: 'coordinator' | 'field_officer' = 'coordinator') {
    const res = await call(fx.app, 'GET', '/api/status/held', { token: await fx.token(role) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { held: Held[] }).held;
  }
  async function resolve(heldId: string, json: unknown, role: 'coordinator' | 'field_officer' = 'coordinator') {
    return call(fx.app, 'POST', `/api/status/held/${heldId}/resolve`, { token: await fx.token(role), json });
  }
  async function statusOf(personId: string) {
    const res = await call(fx.app, 'GET', '/api/status', { token: await fx.token('coordinator') });
    const view = (await res.json()) as {
      people: { person_id: string; status: string }[];
      conflicts: { id: string; person_id: string }[];
    };
    return { status: view.people.find((p) => p.person_id === personId)?.status, conflicts: view.conflicts };
  }
  /** The person boarded at 21:30 and crossed at 22:00, as phone A synced in time. */
  async function crossed(personId: string) {
    const sent = await send('phone-a', [
      { id: `${personId}-ap`, person_id: personId, status: 'at_assembly_point', at: '2018-07-21T21:00+03:00' },
      {
        id: `${personId}-bd`,
        person_id: personId,
        status: 'boarded',
        vehicle: 'bus-1#1',
        at: '2018-07-21T21:30+03:00',
      },
      { id: `${personId}-x`, person_id: personId, status: 'crossed', exit: 'x1', at: '2018-07-21T22:00+03:00' },
    ]);
    expect(sent.accepted).toHaveLength(3);
  }

  it('lists a late contradicting event for review (once), and a coordinator accepts it into the log', async () => {
    await crossed('p4');
    const late = {
      id: 'p4-detained',
      person_id: 'p4',
      status: 'detained',
      at: '2018-07-21T21:45+03:00',
      note: 'detained at checkpoint 3',
    };
    for (let i = 0; i < 2; i++) {
      const sent = await send('phone-b', [late]);
      expect(sent.refused).toEqual([
        { id: 'p4-detained', error: expect.objectContaining({ kind: 'contradicts-recorded' }) },
      ]);
    }
    const list = await held('field_officer');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: 'p4-detained',
      person_id: 'p4',
      household_id: 'h2',
      status: 'detained',
      at: '2018-07-21T21:45+03:00',
      device: 'phone-b',
      note: 'detained at checkpoint 3',
      submitted_by_username: usernameOf('field_officer'),
      refusal: { kind: 'contradicts-recorded' },
      displaced: [{ id: 'p4-x', status: 'crossed', at: '2018-07-21T22:00+03:00', device: 'phone-a' }],
      resolution: null,
    });
    expect((await statusOf('p4')).status).toBe('crossed');

    // A field officer may see it but not settle it.
    const byOfficer = await resolve('p4-detained', { action: 'accept' }, 'field_officer');
    expect(byOfficer.status).toBe(403);
    expect((await problemOf(byOfficer)).code).toBe('forbidden');

    const accepted = await resolve('p4-detained', { action: 'accept', note: 'confirmed by the driver' });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Held).resolution).toMatchObject({
      kind: 'accepted',
      by_username: usernameOf('coordinator'),
      note: 'confirmed by the driver',
      superseded: [{ id: 'p4-x', status: 'crossed' }],
    });
    const after = await statusOf('p4');
    expect(after.status).toBe('detained');
    // The crossing it superseded stays in the log and shows as a conflict.
    expect(after.conflicts).toContainEqual(expect.objectContaining({ id: 'p4-x', person_id: 'p4' }));

    const twice = await resolve('p4-detained', { action: 'dismiss' });
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).issues).toEqual([expect.objectContaining({ code: 'already-resolved' })]);
  });

  it('dismisses one with a note: recorded, the live status unchanged', async () => {
    await crossed('p6');
    await send('phone-b', [{ id: 'p6-declined', person_id: 'p6', status: 'declined', at: '2018-07-21T21:10+03:00' }]);
    const res = await resolve('p6-declined', { action: 'dismiss', note: 'entered on the wrong person' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Held).resolution).toMatchObject({
      kind: 'dismissed',
      note: 'entered on the wrong person',
      superseded: [],
    });
    expect((await statusOf('p6')).status).toBe('crossed');
    expect((await held()).find((h) => h.id === 'p6-declined')?.resolution?.kind).toBe('dismissed');
  });

  it('answers 404 for an unknown held event and 400 for an unknown action', async () => {
    const missing = await resolve('nothing-held', { action: 'dismiss' });
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('not-found');
    const bad = await resolve('nothing-held', { action: 'apply' });
    expect(bad.status).toBe(400);
  });

  it('a government liaison and a viewer see no held events and settle none', async () => {
    for (const role of ['government_liaison', 'viewer'] as const) {
      const token = await fx.token(role);
      const list = await call(fx.app, 'GET', '/api/status/held', { token });
      expect(list.status, role).toBe(403);
      expect((await problemOf(list)).code).toBe('forbidden');
      const settle = await call(fx.app, 'POST', '/api/status/held/p4-detained/resolve', {
        token,
        json: { action: 'dismiss' },
      });
      expect(settle.status, role).toBe(403);
    }
  });
});

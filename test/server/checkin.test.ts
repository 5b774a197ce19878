// Check-in over the API: a re-sent queue counts once, impossible moves are refused, the liaison sees nothing, counts follow.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.ts';
import { call, problemOf, type ServerFixture } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

interface Batch {
  accepted: string[];
  duplicates: string[];
  pending: { id: string; error: { kind: string } }[];
  refused: { id: string; error: { kind: string } }[];
}
interface Status {
  by_status: Record<string, number>;
  people: {
    person_id: string;
    household_id: string;
    status: string;
    at: string | null;
    vehicle?: string;
    exit?: string;
  }[];
  conflicts: unknown[];
}

describe.each(DIALECTS)('check-in and live status on $name', (dialect) => {
  let fx: ServerFixture;
  useServerFixture(dialect, (made) => {
    fx = made;
  });

  async function send(events: unknown[], role: 'field_officer' | 'coordinator' = 'field_officer') {
    const res = await call(fx.app, 'POST', '/api/status/events', {
      token: await fx.token(role),
      json: { device: `phone-${role}`, events },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Batch;
  }
  async function status(role: 'coordinator' | 'viewer' = 'coordinator') {
    const res = await call(fx.app, 'GET', '/api/status', { token: await fx.token(role) });
    expect(res.status).toBe(200);
    return (await res.json()) as Status;
  }

  const household = ['p1', 'p2', 'p3', 'p8'].map((person) => ({
    id: `evt-h1-${person}`,
    person_id: person,
    status: 'at_assembly_point',
    at: '2018-07-21T21:00+03:00',
  }));

  it('counts a household checked in once, however often the queue is re-sent', async () => {
    const before = await status();
    const first = await send(household);
    expect(first).toEqual({ accepted: household.map((e) => e.id), duplicates: [], pending: [], refused: [] });
    const again = await send(household);
    expect(again.accepted).toEqual([]);
    expect(again.duplicates.sort()).toEqual(household.map((e) => e.id).sort());
    const after = await status();
    expect(after.by_status.at_assembly_point).toBe((before.by_status.at_assembly_point ?? 0) + 4);
    expect(after.people.find((p) => p.person_id === 'p2')).toMatchObject({
      household_id: 'h1',
      status: 'at_assembly_point',
      at: '2018-07-21T21:00+03:00',
    });
  });

  it('holds crossed before boarded as pending (another device may still send the boarding), shown as a conflict', async () => {
    const batch = await send([
      { id: 'evt-p4-crossed', person_id: 'p4', status: 'crossed', exit: 'x1', at: '2018-07-21T22:00+03:00' },
    ]);
    expect(batch.accepted).toEqual([]);
    expect(batch.refused).toEqual([]);
    expect(batch.pending).toEqual([
      { id: 'evt-p4-crossed', error: expect.objectContaining({ kind: 'impossible-transition', to: 'crossed' }) },
    ]);
    const view = await status();
    expect(view.people.find((p) => p.person_id === 'p4')?.status).toBe('not_contacted');
    expect(view.conflicts).toContainEqual(expect.objectContaining({ id: 'evt-p4-crossed', person_id: 'p4' }));
    // The late boarding arrives: the crossing applies, the conflict is gone.
    const late = await send([
      { id: 'evt-p4-ap', person_id: 'p4', status: 'at_assembly_point', at: '2018-07-21T21:00+03:00' },
      { id: 'evt-p4-board', person_id: 'p4', status: 'boarded', vehicle: 'bus-1#1', at: '2018-07-21T21:30+03:00' },
    ]);
    expect(late).toEqual({ accepted: ['evt-p4-ap', 'evt-p4-board'], duplicates: [], pending: [], refused: [] });
    const after = await status();
    expect(after.people.find((p) => p.person_id === 'p4')).toMatchObject({
      status: 'crossed',
      exit: 'x1',
      vehicle: 'bus-1#1',
    });
    expect(after.conflicts).not.toContainEqual(expect.objectContaining({ person_id: 'p4' }));
  });

  it('refuses a move that can never follow with a readable reason, and a household all or none', async () => {
    const batch = await send([
      { id: 'evt-p5-dec', person_id: 'p5', status: 'declined', at: '2018-07-21T20:00+03:00', note: 'stays behind' },
      // Crossing after declining cannot be made right by any later sync: refused, not pending.
      { id: 'evt-p5-x', person_id: 'p5', status: 'crossed', exit: 'x1', at: '2018-07-21T23:00+03:00' },
      { id: 'evt-h3-p6', person_id: 'p6', status: 'boarded', at: '2018-07-21T23:00+03:00', group: 'h3-board' },
      {
        id: 'evt-h3-p7',
        person_id: 'p7',
        status: 'boarded',
        vehicle: 'bus-1#1',
        at: '2018-07-21T23:00+03:00',
        group: 'h3-board',
      },
    ]);
    expect(batch.accepted).toEqual(['evt-p5-dec']);
    expect(batch.refused).toEqual([
      { id: 'evt-h3-p6', error: { kind: 'missing-field', eventId: 'evt-h3-p6', field: 'vehicle' } },
      {
        id: 'evt-h3-p7',
        error: { kind: 'group-refused', eventId: 'evt-h3-p7', group: 'h3-board', because: 'evt-h3-p6' },
      },
      {
        id: 'evt-p5-x',
        error: { kind: 'impossible-transition', eventId: 'evt-p5-x', personId: 'p5', from: 'declined', to: 'crossed' },
      },
    ]);
    const view = await status();
    expect(view.people.filter((p) => p.household_id === 'h3').map((p) => p.status)).toEqual([
      'not_contacted',
      'not_contacted',
    ]);
    // The note is not sent back by the live status (ids only).
    expect(JSON.stringify(view)).not.toContain('stays behind');
  });

  it('finds people by a Latin or an Arabic spelling of their name', async () => {
    const token = await fx.token('field_officer');
    const ids = async (q: string) => {
      const res = await call(fx.app, 'GET', `/api/people?q=${encodeURIComponent(q)}`, { token });
      expect(res.status).toBe(200);
      return ((await res.json()) as { people: { person_id: string }[] }).people.map((p) => p.person_id).sort();
    };
    expect(await ids('محمد أحمد الحريري')).toContain('p1');
    expect(await ids('الحريري')).toContain('p1');
    expect(await ids('Mohamad Hariri')).toContain('p1');
  });

  it('refuses an unknown person and names no one in the status view', async () => {
    const batch = await send([{ id: 'evt-ghost', person_id: 'nobody', status: 'informed', at: '2018-07-21T20:00Z' }]);
    expect(batch.refused[0]?.error.kind).toBe('unknown-person');
    const view = await status('viewer');
    expect(Object.keys(view.people[0] ?? {}).sort()).toEqual(['at', 'household_id', 'person_id', 'status']);
  });

  it('denies the liaison both routes and the viewer recording', async () => {
    const liaison = await fx.token('government_liaison');
    const read = await call(fx.app, 'GET', '/api/status', { token: liaison });
    expect(read.status).toBe(403);
    expect((await problemOf(read)).code).toBe('forbidden');
    const write = await call(fx.app, 'POST', '/api/status/events', {
      token: liaison,
      json: { device: 'd', events: household },
    });
    expect(write.status).toBe(403);
    const viewer = await call(fx.app, 'POST', '/api/status/events', {
      token: await fx.token('viewer'),
      json: { device: 'd', events: household },
    });
    expect(viewer.status).toBe(403);
  });
});

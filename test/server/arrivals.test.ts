// Unknown arrivals over the API: recorded once from a device queue, sealed at rest, listed with registry candidates, matched to a household.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.ts';
import { call, problemOf, type ServerFixture } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

interface Arrival {
  id: string;
  name_arabic: string | null;
  family_name: string | null;
  note: string | null;
  persons: number;
  matched_household_id: string | null;
  candidates: { household_id: string; person_ids: string[]; shared_keys: number }[];
}

describe.each(DIALECTS)('unknown arrivals on $name', (dialect) => {
  let fx: ServerFixture;
  useServerFixture(dialect, (made) => {
    fx = made;
  });

  const arrival = {
    id: 'arr-1',
    place: 'ap-nawa',
    at: '2018-07-21T20:15+03:00',
    name_arabic: 'محمد الحريري',
    approx_age: 30,
    sex: 'M',
    persons: 3,
    note: 'came with two children, says his brother is on the Nawa list',
  };

  async function post(path: string, json: unknown, role: 'field_officer' | 'viewer' = 'field_officer') {
    return call(fx.app, 'POST', path, { token: await fx.token(role), json });
  }
  async function list(role: 'coordinator' | 'field_officer' | 'viewer' = 'coordinator') {
    return call(fx.app, 'GET', '/api/arrivals/unknown', { token: await fx.token(role) });
  }

  it('records an arrival once however often the device re-sends it, with its names sealed', async () => {
    const first = await post('/api/arrivals/unknown', { device: 'phone-1', arrivals: [arrival] });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: ['arr-1'], duplicates: [] });
    const again = await post('/api/arrivals/unknown', { device: 'phone-1', arrivals: [arrival] });
    expect(await again.json()).toEqual({ accepted: [], duplicates: ['arr-1'] });
    const raw = await sql<{ t: string }>`select row_to_json(u)::text as t from unknown_arrivals u`.execute(fx.store.db);
    expect(raw.rows).toHaveLength(1);
    expect(raw.rows[0]?.t).not.toContain('الحريري');
    expect(raw.rows[0]?.t).not.toContain('brother');
    const audit = await sql<{ t: string }>`select string_agg(row_to_json(a)::text, ' ') as t from audit_log a`.execute(
      fx.store.db,
    );
    expect(audit.rows[0]?.t).not.toContain('brother');
  });

  it('refuses an arrival with neither a name nor a note', async () => {
    const res = await post('/api/arrivals/unknown', {
      device: 'phone-1',
      arrivals: [{ id: 'arr-x', place: 'ap-nawa', at: '2018-07-21T20:15+03:00', persons: 1 }],
    });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe('invalid-request');
  });

  it('lists arrivals opened, with the household of the same family name as a candidate', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const { arrivals } = (await res.json()) as { arrivals: Arrival[] };
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]).toMatchObject({ id: 'arr-1', name_arabic: 'محمد الحريري', persons: 3, note: arrival.note });
    expect(arrivals[0]?.candidates[0]).toMatchObject({ household_id: 'h1' });
    expect(arrivals[0]?.candidates[0]?.person_ids).toContain('p1');
    // Names of people: not for a viewer or a liaison.
    expect((await list('viewer')).status).toBe(403);
  });

  it('matches the arrival to a household and checks the whole household in at the arrival time', async () => {
    const res = await post('/api/arrivals/unknown/arr-1/match', { household_id: 'h1' });
    expect(res.status).toBe(200);
    const batch = (await res.json()) as { accepted: string[]; refused: unknown[] };
    expect(batch.accepted.sort()).toEqual([
      'arrival:arr-1:p1',
      'arrival:arr-1:p2',
      'arrival:arr-1:p3',
      'arrival:arr-1:p8',
    ]);
    const status = (await (
      await call(fx.app, 'GET', '/api/status', { token: await fx.token('coordinator') })
    ).json()) as {
      people: { person_id: string; household_id: string; status: string; at: string }[];
    };
    expect(status.people.filter((p) => p.household_id === 'h1')).toEqual(
      ['p1', 'p2', 'p3', 'p8'].map((id) =>
        expect.objectContaining({ person_id: id, status: 'at_assembly_point', at: arrival.at }),
      ),
    );
    const listed = (await (await list()).json()) as { arrivals: Arrival[] };
    expect(listed.arrivals[0]).toMatchObject({ matched_household_id: 'h1', candidates: [] });
    const again = await post('/api/arrivals/unknown/arr-1/match', { household_id: 'h2' });
    expect(again.status).toBe(409);
    const unknown = await post('/api/arrivals/unknown/arr-404/match', { household_id: 'h2' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a match when a member of the household cannot be checked in, writing nothing', async () => {
    await post('/api/arrivals/unknown', { device: 'phone-2', arrivals: [{ ...arrival, id: 'arr-2' }] });
    const events = await post('/api/status/events', {
      device: 'phone-2',
      events: [
        { id: 'h2-ap', person_id: 'p5', status: 'at_assembly_point', at: '2018-07-21T19:00+03:00' },
        { id: 'h2-b', person_id: 'p5', status: 'boarded', vehicle: 'bus-1#1', at: '2018-07-21T19:30+03:00' },
        { id: 'h2-x', person_id: 'p5', status: 'crossed', exit: 'x1', at: '2018-07-21T20:00+03:00' },
      ],
    });
    expect(events.status).toBe(200);
    const res = await post('/api/arrivals/unknown/arr-2/match', { household_id: 'h2' });
    expect(res.status).toBe(409);
    const problem = await problemOf(res);
    expect((problem.issues as { code: string }[] | undefined)?.map((i) => i.code).sort()).toEqual([
      'group-refused',
      'impossible-transition',
    ]);
    const status = (await (
      await call(fx.app, 'GET', '/api/status', { token: await fx.token('coordinator') })
    ).json()) as {
      people: { person_id: string; status: string }[];
    };
    expect(status.people.find((p) => p.person_id === 'p4')?.status).toBe('not_contacted');
  });

  it('lets a field officer record but not a viewer', async () => {
    const res = await post('/api/arrivals/unknown', { device: 'v', arrivals: [{ ...arrival, id: 'arr-v' }] }, 'viewer');
    expect(res.status).toBe(403);
  });
});

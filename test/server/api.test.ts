// Behaviour through the API: login with TOTP and lockout, what a liaison sees, imports all-or-nothing, field reports re-plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginTotpEnrolment, confirmTotp, totpCodeAt } from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import {
  call,
  LIAISON_GRANT,
  login,
  PASSWORD,
  problemOf,
  type ServerFixture,
  serverFixture,
  usernameOf,
} from './fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions themselves
type Loose = any;
const loose = (value: unknown): Loose => value;

const HEADER =
  'person_id,household_id,relationship,given_name,father_name,family_name,name_arabic,sex,birth_date,birth_date_estimated,role,phone,location,medical_needs,flags,notes,source_list,nationality,doc_type,doc_number';
const row = (id: string, hh: string, rel: string, place = 'Nawa') =>
  `${id},${hh},${rel},Khaled,Yusuf,Al-Masri,,M,1980-01-01,no,family,,${place},,,informant says X,team-b,SYR,none,`;

describe.each(DIALECTS)('API behaviour on $name', (dialect) => {
  let fx: ServerFixture;
  let clock = new Date('2018-07-21T09:00:00Z');
  beforeAll(async () => {
    fx = await serverFixture(dialect, { now: () => clock });
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  it('logs in, reports who is signed in, and logs out for good', async () => {
    const token = await login(fx.app, usernameOf('coordinator'), PASSWORD);
    const me = await call(fx.app, 'GET', '/api/me', { token });
    expect((await me.json().then(loose)).user).toMatchObject({
      username: 'coordinator-user',
      role: 'coordinator',
      organisation_id: 'home',
    });
    expect((await call(fx.app, 'POST', '/api/logout', { token })).status).toBe(204);
    expect((await problemOf(await call(fx.app, 'GET', '/api/me', { token }))).code).toBe('unauthenticated');
  });

  it('asks for the TOTP code once enrolled, accepts a right one, refuses a replay', async () => {
    const userId = fx.userIds.viewer;
    const enrolment = await beginTotpEnrolment(fx.store, userId, clock);
    if (!enrolment.ok) throw new Error(enrolment.error.kind);
    expect((await confirmTotp(fx.store, userId, totpCodeAt(enrolment.value.secret, clock), clock)).ok).toBe(true);
    clock = new Date(clock.getTime() + 60_000);
    const body = { username: usernameOf('viewer'), password: PASSWORD };
    const without = await call(fx.app, 'POST', '/api/login', { json: body });
    expect(without.status).toBe(401);
    expect((await problemOf(without)).code).toBe('totp-required');
    const code = totpCodeAt(enrolment.value.secret, clock);
    const withCode = await call(fx.app, 'POST', '/api/login', { json: { ...body, totp: code } });
    expect(withCode.status).toBe(200);
    const replay = await call(fx.app, 'POST', '/api/login', { json: { ...body, totp: code } });
    expect((await problemOf(replay)).code).toBe('invalid-credentials');
  });

  it('locks an account after five wrong passwords (429 locked with Retry-After), even for the right one', async () => {
    const username = usernameOf('field_officer');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(fx.app, 'POST', '/api/login', { json: { username, password: `wrong ${i}` } });
      codes.push((await problemOf(res)).code);
    }
    expect(codes).toEqual([
      'invalid-credentials',
      'invalid-credentials',
      'invalid-credentials',
      'invalid-credentials',
      'locked',
    ]);
    const right = await call(fx.app, 'POST', '/api/login', { json: { username, password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(right.headers.get('Retry-After')).toMatch(/^\d+$/);
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await call(fx.app, 'POST', '/api/login', { json: { username, password: PASSWORD } })).status).toBe(200);
  });

  it('a government liaison sees only the shared case, only the granted fields, never notes', async () => {
    const token = await fx.token('government_liaison');
    const list = (await (await call(fx.app, 'GET', '/api/cases', { token })).json().then(loose)) as {
      cases: { case_id: string; shared_with: string[] }[];
    };
    expect(list.cases.map((c) => c.case_id)).toEqual([fx.sharedCaseId]);
    expect(list.cases[0]!.shared_with).toEqual([]);
    const read = await call(fx.app, 'GET', `/api/cases/${fx.sharedCaseId}`, { token });
    const view = (await read.json().then(loose)) as { members: Record<string, unknown>[] };
    expect(view.members.length).toBeGreaterThan(0);
    for (const member of view.members) {
      expect(Object.keys(member).sort()).toEqual([...LIAISON_GRANT, 'person_id', 'household_id'].sort());
      expect(member).not.toHaveProperty('notes');
    }
    const other = await call(fx.app, 'GET', `/api/cases/${fx.unsharedCaseId}`, { token });
    expect((await problemOf(other)).code).toBe('not-found');
    const coordinator = await fx.token('coordinator');
    const notes = await call(fx.app, 'POST', `/api/cases/${fx.sharedCaseId}/share`, {
      token: coordinator,
      json: { organisation_id: 'gov-de', fields: ['notes'] },
    });
    expect((await problemOf(notes)).code).toBe('invalid-request');
  });

  it('imports a people list whole, or rejects it whole with its row errors', async () => {
    const token = await fx.token('coordinator');
    const before = (await (await call(fx.app, 'GET', '/api/cases', { token })).json().then(loose)).cases
      .length as number;
    const bad = [
      HEADER,
      row('n1', 'hn1', 'head'),
      row('n2', 'hn1', 'spouse', 'Atlantis'),
      row('n3', 'hn2', 'head'),
    ].join('\n');
    const rejected = await call(fx.app, 'POST', '/api/import?file=team-b.csv', {
      token,
      body: bad,
      headers: { 'Content-Type': 'text/csv' },
    });
    const problem = await problemOf(rejected);
    expect(problem.code).toBe('import-rejected');
    expect(problem.issues).toEqual([expect.objectContaining({ file: 'team-b.csv', row: 3, column: 'location' })]);
    expect((await (await call(fx.app, 'GET', '/api/cases', { token })).json().then(loose)).cases.length).toBe(before);

    const good = [HEADER, row('n1', 'hn1', 'head'), row('n2', 'hn1', 'spouse'), row('n3', 'hn2', 'head')].join('\n');
    const accepted = await call(fx.app, 'POST', '/api/import?file=team-b.csv', {
      token,
      body: good,
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(accepted.status).toBe(200);
    expect((await accepted.json().then(loose)).written).toBe(3);
    expect((await (await call(fx.app, 'GET', '/api/cases', { token })).json().then(loose)).cases.length).toBe(
      before + 2,
    );
    // The liaison's grant followed the shared household to the new version of the scenario.
    const liaison = await (await call(fx.app, 'GET', '/api/cases', { token: await fx.token('government_liaison') }))
      .json()
      .then(loose);
    expect(liaison.cases).toHaveLength(1);
    const search = await call(fx.app, 'GET', '/api/people?q=Khaled%20Al-Masri', { token });
    expect((await search.json().then(loose)).people.map((p: { person_id: string }) => p.person_id)).toEqual(
      expect.arrayContaining(['n1', 'n2', 'n3']),
    );
    // A family name alone, in another spelling, finds the family too.
    const byFamily = await call(fx.app, 'GET', '/api/people?q=el%20Hariri', { token });
    const ids = (await byFamily.json().then(loose)).people.map((p: { person_id: string }) => p.person_id);
    expect(ids).toEqual(expect.arrayContaining(['p1', 'p3']));
    expect(ids).not.toContain('p4');
  });

  it('a field report re-plans and names the households it cut off or moved', async () => {
    const token = await fx.token('field_officer');
    const base = {
      target_kind: 'checkpoint',
      observed_at: '2018-07-21T08:00+03:00',
      source: 'team west',
      reliability: 'A',
      credibility: 1,
    };
    const res = await call(fx.app, 'POST', '/api/situation/reports', {
      token,
      json: { ...base, target_id: 'cp-nawa-north', new_status: 'closed' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json().then(loose)) as {
      report_id: string;
      plan: { format: string; field_reports: unknown[] };
      changes: { households_rerouted: string[]; stranded: string[] };
    };
    expect(body.plan.format).toBe('safepassage-plan/1');
    expect(Array.isArray(body.changes.households_rerouted) && Array.isArray(body.changes.stranded)).toBe(true);
    const plan = await call(fx.app, 'GET', '/api/plan', { token: await fx.token('coordinator') });
    expect(plan.status).toBe(200);
    const scenario = await (await call(fx.app, 'GET', '/api/scenario', { token })).json().then(loose);
    expect(scenario.field_reports.map((r: { id: string }) => r.id)).toContain(body.report_id);
    expect(JSON.stringify(scenario)).not.toContain('Al-Hariri');
  });

  it('verifies the audit chain and lists it for administrators', async () => {
    const token = await fx.token('administrator');
    expect(await (await call(fx.app, 'POST', '/api/audit/verify', { token })).json().then(loose)).toMatchObject({
      ok: true,
    });
    const entries = (await (await call(fx.app, 'GET', '/api/audit?limit=3', { token })).json().then(loose)).entries;
    expect(entries).toHaveLength(3);
  });

  it("wipes on an administrator's word and then serves nothing", async () => {
    const token = await fx.token('administrator');
    const res = await call(fx.app, 'POST', '/api/wipe', { token, json: { confirm: 'WIPE' } });
    expect(res.status).toBe(200);
    expect((await res.json().then(loose)).wiped).toBe(true);
    expect((await problemOf(await call(fx.app, 'GET', '/api/health'))).code).toBe('wiped');
  });
});

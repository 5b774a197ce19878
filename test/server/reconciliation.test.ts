// Reconciliation over the API: the numbers agree with reconcile() on the recorded events, names only for readers of
// people, a formula-safe archive CSV, and a government liaison sees only its own country's counts and shared cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/core/operation/reconcile.ts';
import { deriveStatuses, type StatusEvent } from '../../src/core/operation/status.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { ensureOrganisation } from '../../src/server/data/accounts.ts';
import { spreadsheetSafe } from '../../src/server/routes/reconciliation.ts';
import { type AccessContext, changePassword, countryOfGovernment, createUser } from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { call, login, PASSWORD, problemOf, type ServerFixture, serverFixture, TINY } from './fixture.ts';

const INJECTED = '=HYPERLINK("http://203.0.113.9/","open")';
const at = (hhmm: string) => `2018-07-21T${hhmm}+03:00`;
const EVENTS = [
  ...['p1', 'p2'].flatMap((p) => [
    { id: `${p}-a`, person_id: p, status: 'at_assembly_point', at: at('21:00') },
    { id: `${p}-b`, person_id: p, status: 'boarded', vehicle: 'bus-1', at: at('22:00') },
    { id: `${p}-c`, person_id: p, status: 'crossed', exit: 'golan-line', at: at('23:30') },
  ]),
  { id: 'p1-d', person_id: 'p1', status: 'arrived', at: at('23:50') },
  { id: 'p3-a', person_id: 'p3', status: 'at_assembly_point', at: at('21:00') },
  { id: 'p3-m', person_id: 'p3', status: 'missing', at: at('22:10'), note: 'last seen at the Nawa checkpoint' },
  { id: 'p8-a', person_id: 'p8', status: 'at_assembly_point', at: at('21:00') },
  { id: 'p4-d', person_id: 'p4', status: 'declined', at: at('20:00') },
  { id: 'p6-a', person_id: 'p6', status: 'at_assembly_point', at: at('21:05') },
  { id: 'p6-x', person_id: 'p6', status: 'detained', at: at('21:40') },
  { id: 'p7-a', person_id: 'p7', status: 'at_assembly_point', at: at('21:05') },
  { id: 'p7-b', person_id: 'p7', status: 'boarded', vehicle: INJECTED, at: at('22:05') },
];
const NAMES = ['Mohammed', 'Fatima', 'Omar', 'Khaled', 'Aisha', 'Ahmad', 'Hussein', 'Hariri', 'Masalmeh', 'Masri'];
const PERSON_IDS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];

interface Row {
  country?: string;
  exit?: string;
  planned: number;
  crossed: number;
  arrived: number;
  missing: number;
  detained: number;
  turned_back: number;
  declined: number;
  other: number;
}
interface Figures {
  operations: { scenario: string; by_country: Row[]; by_exit?: Row[]; shared_cases?: Record<string, unknown>[] }[];
}

describe('which country a government stands for', () => {
  const countries = [
    { code: 'DEU', name: 'Germany' },
    { code: 'NER', name: 'Niger' },
    { code: 'NGA', name: 'Nigeria' },
    { code: 'FRA', name: 'France' },
  ];
  it('takes the recorded country first, whatever the name says', () => {
    expect(
      countryOfGovernment({ id: 'gov-1', name: 'Germany (Federal Foreign Office)', country: 'FRA' }, countries),
    ).toBe('FRA');
  });
  it('reads it from the name or an alpha-3 id when none is recorded, and refuses to guess', () => {
    expect(countryOfGovernment({ id: 'gov-de', name: 'Germany (Federal Foreign Office)' }, countries)).toBe('DEU');
    expect(countryOfGovernment({ id: 'gov-nga', name: 'Federal Republic' }, countries)).toBe('NGA');
    expect(countryOfGovernment({ id: 'x', name: 'Nigeria' }, countries)).toBe('NGA');
    expect(countryOfGovernment({ id: 'x', name: 'Niger, Ministry of Interior' }, countries)).toBe('NER');
    expect(countryOfGovernment({ id: 'x', name: 'Canada' }, countries)).toBeUndefined();
    expect(countryOfGovernment({ id: 'gov-fra', name: 'Germany' }, countries)).toBeUndefined();
  });
});

describe('spreadsheet-safe cells', () => {
  it('quotes what a spreadsheet would run as a formula, and nothing else', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    for (const cell of ['Mohammed', 'محمد', '2018-07-21T21:00+03:00', '', 'a=b'])
      expect(spreadsheetSafe(cell)).toBe(cell);
  });
});

describe.each(DIALECTS)('reconciliation API on $name', (dialect) => {
  let fx: ServerFixture;
  let expected: ReturnType<typeof reconcile>;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
    const coordinator = await fx.token('coordinator');
    expect((await call(fx.app, 'POST', '/api/plan', { token: coordinator })).status).toBe(200);
    const sent = await call(fx.app, 'POST', '/api/status/events', {
      token: await fx.token('field_officer'),
      json: { device: 'phone-1', events: EVENTS },
    });
    expect(((await sent.json()) as { accepted: string[] }).accepted).toHaveLength(EVENTS.length);
    // The oracle: the core's reconcile() on the same events, the same scenario and the plan's allocation.
    const { scenario } = await loadScenario(TINY);
    const allocation = (await (await call(fx.app, 'GET', '/api/allocation', { token: coordinator })).json()) as {
      assignments: { household: string; country: string }[];
    };
    const events = EVENTS.map(
      ({ person_id, ...e }) => ({ ...e, personId: person_id, recordedBy: 'x', device: 'phone-1' }) as StatusEvent,
    );
    expected = reconcile(
      scenario!,
      [],
      deriveStatuses(events, PERSON_IDS),
      new Map(allocation.assignments.map((a) => [a.household, a.country])),
    );
  }, 180_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  const get = async (path: string, role: Parameters<ServerFixture['token']>[0]) =>
    call(fx.app, 'GET', path, { token: await fx.token(role) });

  it('gives the coordinator every person with names, the reason, and the totals reconcile() gives', async () => {
    const res = await get('/api/reconciliation', 'coordinator');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      by_exit: Row[];
      by_country: Row[];
      by_status: Record<string, number>;
      households: { household_id: string; out: number; not_out: number; split: boolean; country: string }[];
      persons: Record<string, unknown>[];
    };
    expect(body.by_country).toEqual(expected.byCountry);
    expect(body.by_exit).toEqual(expected.byExit);
    expect(body.by_status).toMatchObject(expected.byStatus);
    expect(body.persons).toHaveLength(8);
    expect(body.persons.find((p) => p.person_id === 'p1')).toMatchObject({
      given_name: 'Mohammed',
      family_name: 'Al-Hariri',
      name_arabic: 'محمد أحمد الحريري',
      status: 'arrived',
      outcome: 'out',
      country: 'GBR',
    });
    // The reason is the status and the event's note (sealed in the store, opened for this reader only).
    expect(body.persons.find((p) => p.person_id === 'p3')).toMatchObject({
      outcome: 'not_out',
      reason: 'missing: last seen at the Nawa checkpoint',
    });
    expect(body.persons.find((p) => p.person_id === 'p6')).toMatchObject({ reason: 'detained' });
    expect(body.persons.find((p) => p.person_id === 'p8')).toMatchObject({ outcome: 'in_progress' });
    expect(body.households.find((h) => h.household_id === 'h1')).toMatchObject({ out: 2, not_out: 1, split: true });
    // Only the name fields are opened: no phone, document or notes.
    expect(Object.keys(body.persons[0]!)).not.toEqual(expect.arrayContaining(['phone']));
    expect(JSON.stringify(body)).not.toMatch(/0944|team-a|national_id/);
  });

  it('audits the read: the reconciliation and each person whose name was opened', async () => {
    const before = await fx.store.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).execute();
    expect((await get('/api/reconciliation', 'field_officer')).status).toBe(200);
    const rows = await fx.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'actor_user_id'])
      .where('seq', '>', before[0]?.seq ?? 0)
      .execute();
    expect(rows.filter((r) => r.action === 'reconciliation:read' && r.entity === 'scenario')).toHaveLength(1);
    expect(rows.filter((r) => r.action === 'read' && r.entity === 'person')).toHaveLength(8);
    expect(new Set(rows.map((r) => r.actor_user_id))).toEqual(new Set([fx.userIds.field_officer]));
  });

  it('denies the per-person reconciliation and its CSV to the liaison and the viewer', async () => {
    for (const role of ['government_liaison', 'viewer'] as const)
      for (const path of ['/api/reconciliation', '/api/reconciliation.csv']) {
        const res = await get(path, role);
        expect(res.status, `${role} ${path}`).toBe(403);
        expect((await problemOf(res)).code).toBe('forbidden');
      }
  });

  it('writes the archive CSV with a household id on every row and no cell a spreadsheet would run', async () => {
    const res = await get('/api/reconciliation.csv', 'coordinator');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'household_id,person_id,given_name,father_name,family_name,name_arabic,planned_convoy,planned_exit,country,status,since,vehicle,exit,outcome,reason',
    );
    expect(lines).toHaveLength(9);
    for (const line of lines.slice(1)) expect(line).toMatch(/^h\d,p\d,/);
    const p7 = lines.find((l) => l.startsWith('h3,p7,'))!;
    expect(p7).toContain(`"'=HYPERLINK(""http://203.0.113.9/"",""open"")"`);
    expect(lines.some((l) => /(^|,)"?[=+@]/.test(l))).toBe(false);
  });

  it('gives the coordinator counts only for every pledge and exit, equal to reconcile()', async () => {
    const res = await get('/api/reconciliation/figures', 'coordinator');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Figures;
    expect(body.operations).toHaveLength(1);
    expect(body.operations[0]!.by_country).toEqual(expected.byCountry);
    expect(body.operations[0]!.by_exit).toEqual(expected.byExit);
    expect(body.operations[0]!.shared_cases).toBeUndefined();
    const text = JSON.stringify(body);
    for (const word of [...NAMES, ...PERSON_IDS.map((p) => `"${p}"`), 'h1', 'h2', 'h3', 'last seen'])
      expect(text).not.toContain(word);
  });

  it("gives a liaison its own country's row and its shared case's counts, and nothing of anyone else", async () => {
    const res = await get('/api/reconciliation/figures', 'government_liaison');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Figures;
    expect(body.operations).toHaveLength(1);
    const [operation] = body.operations;
    // The fixture's partner is "Germany": DEU's pledge is h3 (one detained, one boarded).
    expect(operation!.by_country).toEqual(expected.byCountry.filter((r) => r.country === 'DEU'));
    expect(operation!.by_country[0]).toMatchObject({ country: 'DEU', detained: 1, other: 1, crossed: 0 });
    expect(operation!.by_exit).toBeUndefined();
    // The case shared with it is h1 (allocated to GBR): its counts, not GBR's row, not its people.
    expect(operation!.shared_cases).toEqual([
      {
        case_id: fx.sharedCaseId,
        household_id: 'h1',
        members: 4,
        out: 2,
        in_progress: 1,
        not_out: 1,
        by_status: { arrived: 1, crossed: 1, missing: 1, at_assembly_point: 1 },
      },
    ]);
    const text = JSON.stringify(body);
    for (const other of ['GBR', 'CAN', 'none', 'golan-line', 'h2', 'h3', 'bus-1', 'HYPERLINK', 'last seen'])
      expect(text).not.toContain(other);
    for (const word of [...NAMES, ...PERSON_IDS.map((p) => `"${p}"`)]) expect(text).not.toContain(word);
  });

  it('shows a government no operation that shares nothing with it, and no row when its country is unknown', async () => {
    const admin: AccessContext = {
      actor: { userId: fx.userIds.administrator, organisationId: 'home', role: 'administrator' },
      clientAddress: 'test',
      purpose: 'test set-up',
      now: new Date('2018-07-21T09:00:00Z'),
    };
    const liaisonOf = async (org: { id: string; name: string }, username: string) => {
      await ensureOrganisation(fx.store, { ...org, kind: 'government' }, admin.now);
      const made = await createUser(fx.store, admin, { username, role: 'government_liaison', organisationId: org.id });
      if (!made.ok) throw new Error(made.error.kind);
      await changePassword(fx.store, made.value.userId, PASSWORD, admin.now);
      return login(fx.app, username, PASSWORD);
    };
    const canada = await liaisonOf({ id: 'gov-ca', name: 'Canada' }, 'liaison-ca');
    const none = (await (
      await call(fx.app, 'GET', '/api/reconciliation/figures', { token: canada })
    ).json()) as Figures;
    expect(none.operations).toEqual([]);
    // A government the scenario's countries do not name, with a case shared: the case's counts, no pledge row.
    const unknown = await liaisonOf({ id: 'gov-xx', name: 'Ruritania' }, 'liaison-xx');
    const coordinator = await fx.token('coordinator');
    const shared = await call(fx.app, 'POST', `/api/cases/${fx.unsharedCaseId}/share`, {
      token: coordinator,
      json: { organisation_id: 'gov-xx', fields: ['household_size'] },
    });
    expect(shared.status).toBe(201);
    const seen = (await (
      await call(fx.app, 'GET', '/api/reconciliation/figures', { token: unknown })
    ).json()) as Figures;
    expect(seen.operations).toHaveLength(1);
    expect(seen.operations[0]!.by_country).toEqual([]);
    expect(seen.operations[0]!.shared_cases?.map((c) => c.case_id)).toEqual([fx.unsharedCaseId]);
  });
});

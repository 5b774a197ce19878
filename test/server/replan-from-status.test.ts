// Re-plan from the live status over the API: check-ins recorded → re-plan → out stays out, boarded keeps its bus, saved.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { createApp } from '../../src/server/index.ts';
import {
  type AccessContext,
  changePassword,
  createUser,
  ensureAdministrator,
  importScenario,
  type StaffRole,
  type Store,
} from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from '../store/harness.ts';
import { call, login, PASSWORD, problemOf } from './fixture.ts';

interface PlanBody {
  schedule: {
    convoys: { vehicle: string; vehicle_index: number; trip: number; households: { household_id: string }[] }[];
  };
  status_replan?: {
    at: string;
    derived_from: string;
    kept_convoys: number;
    changed_convoys: number;
    dropped_convoys: number;
    out_households: number;
    withdrawn_households: number;
    boarded_households: number;
    evacuated: number;
    changed_households: { household_id: string }[];
    newly_stranded: unknown[];
  };
}

/**
 * The tiny scenario with the Nawa checkpoint passable for men, so that every household has a convoy: bus #0 takes
 * h1 and h3 (boards 19:45, leaves 20:00, out 21:00), bus #1 takes h2 (boards 20:05, leaves 20:20, out 21:20).
 */
function passableTiny(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-replan-'));
  cpSync('test/fixtures/scenarios/tiny', dir, { recursive: true });
  const file = join(dir, 'checkpoints.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace('10:00+03:00,0.8,0.1,0.05', '10:00+03:00,0.1,0.1,0.05'));
  return dir;
}

const event = (id: string, person: string, status: string, at: string, extra: Record<string, string> = {}) => ({
  id,
  person_id: person,
  status,
  at,
  ...extra,
});
const members = { h1: ['p1', 'p2', 'p3', 'p8'], h2: ['p4', 'p5'], h3: ['p6', 'p7'] };
const EVENTS = [
  // h1 boards bus #0 as planned.
  ...members.h1.flatMap((p) => [
    event(`${p}-ap`, p, 'at_assembly_point', '2018-07-21T19:40+03:00'),
    event(`${p}-on`, p, 'boarded', '2018-07-21T19:55+03:00', { vehicle: 'bus.0#1' }),
  ]),
  // h2 got out by other means before its bus came.
  ...members.h2.flatMap((p) => [
    event(`${p}-ap`, p, 'at_assembly_point', '2018-07-21T19:30+03:00'),
    event(`${p}-on`, p, 'boarded', '2018-07-21T19:40+03:00', { vehicle: 'bus.1#1' }),
    event(`${p}-out`, p, 'crossed', '2018-07-21T20:05+03:00', { exit: 'golan-line' }),
  ]),
  // h3 declined.
  ...members.h3.map((p) => event(`${p}-no`, p, 'declined', '2018-07-21T19:00+03:00')),
];

describe.each(DIALECTS)('re-plan from the live status on $name', (dialect) => {
  let app: Hono;
  let store: Store;
  let scenarioDir: string;
  const tokens = new Map<StaffRole, string>();
  const token = async (role: StaffRole) => {
    if (!tokens.has(role)) tokens.set(role, await login(app, `${role}-user`, PASSWORD));
    return tokens.get(role)!;
  };

  beforeAll(async () => {
    scenarioDir = passableTiny();
    const fresh = await freshStore(dialect);
    store = fresh.store;
    const now = new Date('2018-07-21T09:00:00Z');
    const first = await ensureAdministrator(store, now);
    if (!first.created) throw new Error('store not empty');
    const admin: AccessContext = {
      actor: { userId: first.userId, organisationId: 'home', role: 'administrator' },
      clientAddress: 'test',
      purpose: 'test set-up',
      now,
    };
    for (const role of ['coordinator', 'field_officer', 'viewer'] as const) {
      const made = await createUser(store, admin, { username: `${role}-user`, role, organisationId: 'home' });
      if (!made.ok) throw new Error(made.error.kind);
      await changePassword(store, made.value.userId, PASSWORD, now);
    }
    const loaded = await loadScenario(scenarioDir);
    const imported = await importScenario(store, admin, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    app = createApp({ store, keyring: fresh.keyring, scenarioDir });
    expect((await call(app, 'POST', '/api/plan', { token: await token('coordinator') })).status).toBe(200);
    const sent = await call(app, 'POST', '/api/status/events', {
      token: await token('field_officer'),
      json: { device: 'phone-1', events: EVENTS },
    });
    expect(((await sent.json()) as { accepted: string[] }).accepted).toHaveLength(EVENTS.length);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await dropTestDatabases();
    removeScratch();
    if (scenarioDir) rmSync(scenarioDir, { recursive: true, force: true });
  });

  const replan = async (at: string, role: StaffRole = 'coordinator') =>
    call(app, 'POST', '/api/plan/replan-from-status', { token: await token(role), json: { at } });

  it('does not carry the household already out, keeps the boarded one on its bus, drops the one that declined', async () => {
    const before = (await (
      await call(app, 'GET', '/api/plan', { token: await token('coordinator') })
    ).json()) as PlanBody;
    const carriedBefore = before.schedule.convoys.map((c) => [
      c.vehicle_index,
      c.households.map((h) => h.household_id),
    ]);
    expect(carriedBefore).toEqual([
      [0, ['h1', 'h3']],
      [1, ['h2']],
    ]);

    const res = await replan('2018-07-21T20:10+03:00');
    expect(res.status).toBe(200);
    const plan = (await res.json()) as PlanBody;
    expect(plan.schedule.convoys.map((c) => [c.vehicle_index, c.households.map((h) => h.household_id)])).toEqual([
      [0, ['h1']],
    ]);
    expect(plan.status_replan).toMatchObject({
      at: '2018-07-21T20:10+03:00',
      kept_convoys: 0,
      changed_convoys: 1,
      dropped_convoys: 1,
      out_households: 1,
      withdrawn_households: 1,
      boarded_households: 1,
      evacuated: 4,
      changed_households: [],
      newly_stranded: [],
    });
    // GET /api/plan now answers the derived plan.
    const latest = (await (await call(app, 'GET', '/api/plan', { token: await token('viewer') })).json()) as PlanBody;
    expect(latest.status_replan?.derived_from).toBe(plan.status_replan?.derived_from);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'plan:derived')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([plan.status_replan?.derived_from]);
  });

  it('re-plans again from the derived plan: still nobody carried twice', async () => {
    const res = await replan('2018-07-21T20:30+03:00');
    const plan = (await res.json()) as PlanBody;
    const carried = plan.schedule.convoys.flatMap((c) => c.households.map((h) => h.household_id));
    expect(carried).toEqual(['h1']);
    expect(plan.status_replan?.kept_convoys).toBe(1);
  });

  it('keeps the allocation override in force: a re-plan changes convoys, not who goes where', async () => {
    const coordinator = await token('coordinator');
    const countryOfH1 = async () => {
      const allocation = (await (await call(app, 'GET', '/api/allocation', { token: coordinator })).json()) as {
        assignments: { household: string; country: string }[];
      };
      return allocation.assignments.find((a) => a.household === 'h1')?.country;
    };
    const before = await countryOfH1();
    const pinned = before === 'CAN' ? 'GBR' : 'CAN';
    const overridden = await call(app, 'POST', '/api/allocation/overrides', {
      token: coordinator,
      json: { household: 'h1', country: pinned, kind: 'pin' },
    });
    expect(overridden.status, await overridden.clone().text()).toBe(200);
    expect(await countryOfH1()).toBe(pinned);

    expect((await replan('2018-07-21T20:30+03:00')).status).toBe(200);
    expect(await countryOfH1()).toBe(pinned);
    const latest = (await (await call(app, 'GET', '/api/plan', { token: coordinator })).json()) as {
      allocation?: { assignments: { household: string; country: string }[] };
    };
    expect(latest.allocation?.assignments.find((a) => a.household === 'h1')?.country).toBe(pinned);
  });

  it('refuses a time before the plan starts or after its horizon, naming `at` and the range, and saves nothing', async () => {
    const runs = async () => (await store.db.selectFrom('plan_runs').select('id').execute()).length;
    const count = await runs();
    for (const at of ['2018-07-21T17:50+03:00', '2018-07-22T18:10+03:00', '2030-01-01T00:00+03:00']) {
      const res = await replan(at);
      expect(res.status, at).toBe(400);
      const problem = (await res.json()) as { code: string; detail: string; issues: { path: string }[] };
      expect(problem.code).toBe('invalid-request');
      expect(problem.detail).toContain('from 2018-07-21T18:00+03:00 to 2018-07-22T18:00+03:00');
      expect(problem.issues.map((i) => i.path)).toEqual(['body.at']);
    }
    expect(await runs()).toBe(count);
    // Both ends are inside.
    expect((await replan('2018-07-21T18:00+03:00')).status).toBe(200);
    expect((await replan('2018-07-22T18:00+03:00')).status).toBe(200);
  });

  it('refuses a field officer (plan.run) and a time without an offset', async () => {
    expect((await problemOf(await replan('2018-07-21T20:10+03:00', 'field_officer'))).code).toBe('forbidden');
    expect((await problemOf(await replan('2018-07-21T20:10'))).code).toBe('invalid-request');
  });
});

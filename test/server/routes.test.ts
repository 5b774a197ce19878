// Every route × every role, allowed or denied as the one policy says — iterating the route table itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultResource } from '../../src/server/authorize-request.ts';
import { caseResourceOf } from '../../src/server/data/case-resource.ts';
import { ROUTES } from '../../src/server/index.ts';
import { ACTIONS, type Action, type Actor, authorize, STAFF_ROLES, type StaffRole } from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import {
  type CallOptions,
  call,
  login,
  PASSWORD,
  problemOf,
  type ServerFixture,
  serverFixture,
  usernameOf,
} from './fixture.ts';

type Sample = (fx: ServerFixture, role: StaffRole) => Promise<{ path: string; options?: CallOptions }>;

const report = {
  target_kind: 'checkpoint',
  target_id: 'cp-nawa-north',
  new_status: 'closed',
  observed_at: '2018-07-21T08:00+03:00',
  source: 'field team west',
  reliability: 'B',
  credibility: 2,
};

/** A request each route accepts when allowed (destructive ones send a body that fails validation after the policy). */
const SAMPLES: Record<string, Sample> = {
  'GET /api/health': async () => ({ path: '/api/health' }),
  'GET /api/openapi.json': async () => ({ path: '/api/openapi.json' }),
  'POST /api/login': async (_fx, role) => ({
    path: '/api/login',
    options: { json: { username: usernameOf(role), password: PASSWORD } },
  }),
  // A session of its own, so the shared token survives.
  'POST /api/logout': async (fx, role) => ({
    path: '/api/logout',
    options: { token: await login(fx.app, usernameOf(role), PASSWORD) },
  }),
  'GET /api/me': async () => ({ path: '/api/me' }),
  'POST /api/password': async () => ({
    path: '/api/password',
    options: { json: { current_password: 'wrong password!', new_password: 'a new long password' } },
  }),
  'GET /api/scenario': async () => ({ path: '/api/scenario' }),
  'GET /api/basemap': async () => ({ path: '/api/basemap' }),
  'GET /api/plan': async () => ({ path: '/api/plan' }),
  'POST /api/plan': async () => ({ path: '/api/plan' }),
  // The fixture has no plan run: an allowed re-plan answers 404 no-plan.
  'POST /api/plan/replan-from-status': async () => ({
    path: '/api/plan/replan-from-status',
    options: { json: { at: '2018-07-21T23:00+03:00' } },
  }),
  'GET /api/people': async () => ({ path: '/api/people?q=Mohammed%20Al-Hariri' }),
  'GET /api/cases': async () => ({ path: '/api/cases' }),
  'GET /api/cases/:id': async (fx) => ({ path: `/api/cases/${fx.sharedCaseId}` }),
  'POST /api/cases/:id/share': async (fx) => ({
    path: `/api/cases/${fx.sharedCaseId}/share`,
    options: { json: { organisation_id: 'gov-de', fields: ['given_name'] } },
  }),
  'POST /api/import': async () => ({
    path: '/api/import?file=list.csv',
    options: { body: 'person_id,household_id\n', headers: { 'Content-Type': 'text/csv' } },
  }),
  'GET /api/dedupe': async () => ({ path: '/api/dedupe' }),
  'POST /api/dedupe/decisions': async () => ({
    path: '/api/dedupe/decisions',
    options: { json: { pair_id: 'p1~p8', decision: 'maybe' } },
  }),
  // No decision on the pair: the allowed answer is 404 not-found, and nothing is undone.
  'DELETE /api/dedupe/decisions/:pair_id': async () => ({ path: '/api/dedupe/decisions/p1~p8' }),
  'GET /api/allocation': async () => ({ path: '/api/allocation' }),
  'POST /api/allocation/overrides': async () => ({
    path: '/api/allocation/overrides',
    options: { json: { household: 'h1', country: 'CAN', kind: 'maybe' } },
  }),
  'POST /api/situation/reports': async () => ({ path: '/api/situation/reports', options: { json: report } }),
  // A repeated event id per role would be a duplicate: each role sends an id of its own, for a person not yet contacted.
  'POST /api/status/events': async (_fx, role) => ({
    path: '/api/status/events',
    options: {
      json: {
        device: `routes-${role}`,
        events: [{ id: `routes-${role}`, person_id: 'p7', status: 'informed', at: '2018-07-21T20:00+03:00' }],
      },
    },
  }),
  'GET /api/status': async () => ({ path: '/api/status' }),
  'GET /api/status/held': async () => ({ path: '/api/status/held' }),
  // No such held event: an allowed role gets 404 not-found, a denied one 403 before the store is asked.
  'POST /api/status/held/:id/resolve': async () => ({
    path: '/api/status/held/routes-none/resolve',
    options: { json: { action: 'dismiss' } },
  }),
  'POST /api/arrivals/unknown': async (_fx, role) => ({
    path: '/api/arrivals/unknown',
    options: {
      json: {
        device: `routes-${role}`,
        arrivals: [
          { id: `routes-arrival-${role}`, place: 'ap-nawa', at: '2018-07-21T20:00+03:00', name_arabic: 'سعاد' },
        ],
      },
    },
  }),
  'GET /api/arrivals/unknown': async () => ({ path: '/api/arrivals/unknown' }),
  // No such arrival: an allowed role gets 404 not-found after the policy, nothing is written.
  'POST /api/arrivals/unknown/:id/match': async () => ({
    path: '/api/arrivals/unknown/routes-none/match',
    options: { json: { household_id: 'h1' } },
  }),
  // The fixture has no plan run: an allowed issue answers 404 no-plan; the rest work on no instructions.
  'POST /api/instructions/issue': async () => ({ path: '/api/instructions/issue', options: { json: {} } }),
  'GET /api/instructions': async () => ({ path: '/api/instructions' }),
  'GET /api/instructions/export': async () => ({ path: '/api/instructions/export?channel=sms' }),
  'POST /api/instructions/delivery': async () => ({
    path: '/api/instructions/delivery',
    options: { json: { household_id: 'h1', state: 'sent', at: '2018-07-21T18:00+03:00' } },
  }),
  'POST /api/instructions/verify-code': async () => ({
    path: '/api/instructions/verify-code',
    options: { json: { code: 'olive 47', at: '2018-07-21T21:00+03:00' } },
  }),
  'GET /api/reconciliation': async () => ({ path: '/api/reconciliation' }),
  'GET /api/reconciliation.csv': async () => ({ path: '/api/reconciliation.csv' }),
  'GET /api/reconciliation/figures': async () => ({ path: '/api/reconciliation/figures' }),
  'GET /api/audit': async () => ({ path: '/api/audit?limit=5' }),
  'POST /api/audit/verify': async () => ({ path: '/api/audit/verify' }),
  'POST /api/wipe': async () => ({ path: '/api/wipe', options: { json: { confirm: 'not yet' } } }),
};

describe.each(DIALECTS)('route table × roles on $name', (dialect) => {
  let fx: ServerFixture;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  it('every route declares public, signed-in or a policy action, and has a sample request here', () => {
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      expect(SAMPLES[key], `add a sample request for ${key} to this test`).toBeDefined();
      expect(
        route.access === 'public' || route.access === 'signed-in' || Object.hasOwn(ACTIONS, route.access),
        `${key} names no policy`,
      ).toBe(true);
      if (route.access !== 'public' && route.access !== 'signed-in' && ACTIONS[route.access].resource === 'case')
        expect(route.resource, `${key}: a case action needs a resource`).toBeDefined();
    }
  });

  it('without a token, every non-public route answers 401 unauthenticated', async () => {
    for (const route of ROUTES.filter((r) => r.access !== 'public')) {
      const sample = await SAMPLES[`${route.method} ${route.path}`]!(fx, 'administrator');
      const { token: _, ...anonymous } = sample.options ?? {};
      const res = await call(fx.app, route.method, sample.path, anonymous);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect((await problemOf(res)).code).toBe('unauthenticated');
    }
  });

  it('allows and denies every route for every role exactly as authorize() says', async () => {
    const rows: string[] = [];
    for (const route of ROUTES) {
      for (const role of STAFF_ROLES) {
        const sample = await SAMPLES[`${route.method} ${route.path}`]!(fx, role);
        const token = await fx.token(role);
        const res = await call(fx.app, route.method, sample.path, { token, ...sample.options });
        let expected: 'allowed' | 'forbidden' | 'not-found' = 'allowed';
        if (route.access !== 'public' && route.access !== 'signed-in') {
          const action = route.access as Action;
          const actor: Actor = {
            userId: fx.userIds[role],
            organisationId: role === 'government_liaison' ? 'gov-de' : 'home',
            role,
          };
          const resource =
            ACTIONS[action].resource === 'case'
              ? await caseResourceOf(fx.store, fx.sharedCaseId)
              : defaultResource(action, actor);
          const decision = authorize(actor, action, resource);
          if (!decision.allowed) expected = decision.reason === 'role-denied' ? 'forbidden' : 'not-found';
        }
        const text = await res.text();
        rows.push(`${route.method} ${route.path} ${role}: ${res.status}`);
        expect(res.status, `${route.method} ${route.path} as ${role}: ${text.slice(0, 200)}`).not.toBe(500);
        if (expected === 'allowed') {
          const code = res.headers.get('Content-Type')?.startsWith('application/problem+json')
            ? JSON.parse(text).code
            : 'ok';
          expect(['unauthenticated', 'forbidden'], `${route.method} ${route.path} as ${role}`).not.toContain(code);
        } else {
          expect(res.status, `${route.method} ${route.path} as ${role}`).toBe(expected === 'forbidden' ? 403 : 404);
          expect(JSON.parse(text).code).toBe(expected);
        }
      }
    }
    expect(rows.length).toBe(ROUTES.length * STAFF_ROLES.length);
  }, 120_000);

  it('publishes an OpenAPI 3.1 document with every route and its policy action', async () => {
    const res = await call(fx.app, 'GET', '/api/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-policy-action': string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const op = doc.paths[route.path.replace(/:([a-z_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op?.['x-policy-action'], `${route.method} ${route.path}`).toBe(route.access);
    }
  });

  it('sends security headers, no CORS, and problem+json for unknown endpoints', async () => {
    const res = await call(fx.app, 'GET', '/api/nothing-here', { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('not-found');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(res.headers.get('Content-Security-Policy')).not.toMatch(/https?:/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const health = await call(fx.app, 'GET', '/api/health');
    expect(await health.json()).toEqual({ ok: true, store: dialect.name });
  });

  it('serves the basemap small and whole', async () => {
    const res = await call(fx.app, 'GET', '/api/basemap', { token: await fx.token('viewer') });
    const text = await res.text();
    expect(text.length).toBeLessThan(300_000);
    const names = (JSON.parse(text) as { features: { properties: { name: string } }[] }).features.map(
      (f) => f.properties.name,
    );
    expect(names).toEqual(expect.arrayContaining(['Syria', 'Jordan', 'Lebanon', 'Israel']));
  });
});

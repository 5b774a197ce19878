// A running API over a fresh store (PGlite, or PostgreSQL via DATABASE_URL): one account per role, the tiny scenario, one shared case.
import type { Hono } from 'hono';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { ensureOrganisation } from '../../src/server/data/accounts.ts';
import { createApp } from '../../src/server/index.ts';
import {
  type AccessContext,
  changePassword,
  createUser,
  ensureAdministrator,
  importScenario,
  type Keyring,
  type LoginLimits,
  listCases,
  STAFF_ROLES,
  type StaffRole,
  type Store,
  shareCase,
} from '../../src/store/index.ts';
import { type Dialect, freshStore } from '../store/harness.ts';

export const TINY = 'test/fixtures/scenarios/tiny';
export const PARTNER = 'gov-de';
export const LIAISON_GRANT = ['given_name', 'family_name', 'household_size'];
export const PASSWORD = 'correct horse battery staple';

export interface ServerFixture {
  readonly app: Hono;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly scenarioId: string;
  /** The case shared with the partner government, and one that is not. */
  readonly sharedCaseId: string;
  readonly unsharedCaseId: string;
  readonly userIds: Readonly<Record<StaffRole, string>>;
  token(role: StaffRole): Promise<string>;
}

export const usernameOf = (role: StaffRole) => `${role}-user`;

export async function serverFixture(
  dialect: Dialect,
  options: { loginLimits?: LoginLimits; now?: () => Date } = {},
): Promise<ServerFixture> {
  const { store, keyring } = await freshStore(dialect);
  const now = new Date('2018-07-21T09:00:00Z');
  const first = await ensureAdministrator(store, now);
  if (!first.created) throw new Error('store not empty');
  await ensureOrganisation(store, { id: PARTNER, name: 'Germany', kind: 'government' }, now);
  const adminCtx: AccessContext = {
    actor: { userId: first.userId, organisationId: 'home', role: 'administrator' },
    clientAddress: 'test',
    purpose: 'test set-up',
    now,
  };
  const userIds: Partial<Record<StaffRole, string>> = {};
  for (const role of STAFF_ROLES) {
    const made = await createUser(store, adminCtx, {
      username: usernameOf(role),
      role,
      organisationId: role === 'government_liaison' ? PARTNER : 'home',
    });
    if (!made.ok) throw new Error(made.error.kind);
    await changePassword(store, made.value.userId, PASSWORD, now);
    userIds[role] = made.value.userId;
  }
  const loaded = await loadScenario(TINY);
  if (loaded.scenario === undefined) throw new Error('tiny scenario invalid');
  const imported = await importScenario(store, adminCtx, loaded.scenario);
  if (!imported.ok) throw new Error(imported.error.kind);
  const cases = await listCases(store, adminCtx, imported.value.scenarioId);
  if (!cases.ok || cases.value.length < 2) throw new Error('no cases');
  const [shared, unshared] = cases.value;
  const granted = await shareCase(store, adminCtx, shared!.caseId, PARTNER, LIAISON_GRANT);
  if (!granted.ok) throw new Error(granted.error.kind);
  const app = createApp({
    store,
    keyring,
    scenarioDir: TINY,
    ...(options.now ? { now: options.now } : {}),
    // Generous per-address limit: the suite logs in many times from one test "address".
    loginLimits: options.loginLimits ?? {
      failuresBeforeLockout: 5,
      lockoutMs: 15 * 60_000,
      attemptsPerAddress: 10_000,
      addressWindowMs: 60_000,
    },
  });
  const tokens = new Map<StaffRole, string>();
  return {
    app,
    store,
    keyring,
    scenarioId: imported.value.scenarioId,
    sharedCaseId: shared!.caseId,
    unsharedCaseId: unshared!.caseId,
    userIds: userIds as Record<StaffRole, string>,
    async token(role) {
      const known = tokens.get(role);
      if (known !== undefined) return known;
      const token = await login(app, usernameOf(role), PASSWORD);
      tokens.set(role, token);
      return token;
    },
  };
}

/** Logs in through the API and returns the bearer token. */
export async function login(app: Hono, username: string, password: string): Promise<string> {
  const res = await call(app, 'POST', '/api/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface CallOptions {
  readonly token?: string;
  readonly json?: unknown;
  readonly body?: RequestInit['body'];
  readonly headers?: Record<string, string>;
  readonly address?: string;
}

/** One request through app.request (no socket); `address` plays the client's socket address. */
export function call(app: Hono, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: RequestInit['body'] | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] ??= 'application/json';
  }
  const env = { incoming: { socket: { remoteAddress: options.address ?? '192.0.2.1' } } };
  return Promise.resolve(app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }, env));
}

/** Asserts a problem+json response and returns its body. */
export async function problemOf(res: Response): Promise<{ status: number; code: string; issues?: unknown[] }> {
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`not a problem: ${res.status} ${type}`);
  return (await res.json()) as { status: number; code: string; issues?: unknown[] };
}

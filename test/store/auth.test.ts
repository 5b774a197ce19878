// Authentication: the first administrator, passwords, sessions, TOTP and lockout, with counts kept in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { changePassword, login } from '../../src/store/auth/login.ts';
import { authenticateSession, revokeSession } from '../../src/store/auth/sessions.ts';
import { beginTotpEnrolment, confirmTotp, totpCodeAt } from '../../src/store/auth/totp.ts';
import { createUser, ensureAdministrator, type FirstStart } from '../../src/store/auth/users.ts';
import type { StaffRole } from '../../src/store/policy.ts';
import type { Store } from '../../src/store/store.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, NOW } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe.each(DIALECTS)('authentication on $name', (dialect) => {
  // One store for the file: opening a store costs seconds on PGlite. Each test uses its own accounts.
  let store: Store;
  let first: FirstStart;
  beforeAll(async () => {
    store = (await freshStore(dialect)).store;
    first = await ensureAdministrator(store, NOW);
  });
  afterAll(() => store.close());

  /** A new account made by the administrator: its id and one-time password. */
  async function account(username: string, role: StaffRole = 'field_officer') {
    if (!first.created) throw new Error('no administrator');
    const made = await createUser(store, contextOf('home', 'administrator', first.userId), {
      username,
      organisationId: 'home',
      role,
    });
    if (!made.ok) throw new Error(made.error.kind);
    return made.value;
  }

  it('creates one administrator on first start, whose one-time password logs in once changed', async () => {
    expect(first.created).toBe(true);
    expect(await ensureAdministrator(store, NOW)).toEqual({ created: false });
    if (!first.created) return;
    const stored = await store.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(first.oneTimePassword);

    const loggedIn = await login(store, {
      username: 'admin',
      password: first.oneTimePassword,
      clientAddress: '10.0.0.1',
      now: NOW,
    });
    expect(loggedIn.ok && loggedIn.value.mustChangePassword).toBe(true);
    if (!loggedIn.ok) return;
    expect(loggedIn.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessionRow = await store.db.selectFrom('sessions').select('token_hash').executeTakeFirstOrThrow();
    expect(sessionRow.token_hash).not.toBe(loggedIn.value.token);

    const session = await authenticateSession(store, loggedIn.value.token, at(60));
    expect(session.ok && session.value.actor).toMatchObject({ organisationId: 'home', role: 'administrator' });
    expect(await authenticateSession(store, loggedIn.value.token, at(9 * 3600))).toEqual({
      ok: false,
      error: { kind: 'invalid-session' },
    });
    await revokeSession(store, loggedIn.value.token);
    expect((await authenticateSession(store, loggedIn.value.token, at(60))).ok).toBe(false);

    await changePassword(store, first.userId, 'correct horse battery staple', at(120));
    const again = await login(store, {
      username: 'admin',
      password: 'correct horse battery staple',
      clientAddress: '10.0.0.1',
      now: at(180),
    });
    expect(again.ok && again.value.mustChangePassword).toBe(false);
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('locks an account after five failures, and rate-limits an address', async () => {
    const locky = await account('locky');
    const attempt = (password: string, seconds: number, clientAddress = '10.0.0.2') =>
      login(store, { username: 'locky', password, clientAddress, now: at(seconds) });
    for (let i = 0; i < 4; i++)
      expect(await attempt('wrong', i)).toEqual({ ok: false, error: { kind: 'invalid-credentials' } });
    expect(await attempt('wrong', 5)).toMatchObject({ ok: false, error: { kind: 'locked' } });
    // Locked: even the right password is refused until the lockout ends.
    expect(await attempt(locky.oneTimePassword, 60)).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect((await attempt(locky.oneTimePassword, 16 * 60)).ok).toBe(true);
    const unknown = await login(store, {
      username: 'nobody',
      password: 'x',
      clientAddress: '10.0.0.2',
      now: at(16 * 60),
    });
    expect(unknown).toEqual({ ok: false, error: { kind: 'invalid-credentials' } });

    const limits = { failuresBeforeLockout: 1000, lockoutMs: 1, attemptsPerAddress: 3, addressWindowMs: 60_000 };
    for (let i = 0; i < 3; i++)
      expect(
        (
          await login(
            store,
            { username: 'nobody', password: 'x', clientAddress: '10.9.9.9', now: at(2000 + i) },
            limits,
          )
        ).ok,
      ).toBe(false);
    expect(
      await login(
        store,
        { username: 'locky', password: locky.oneTimePassword, clientAddress: '10.9.9.9', now: at(2004) },
        limits,
      ),
    ).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited' },
    });
    expect(
      (
        await login(
          store,
          { username: 'locky', password: locky.oneTimePassword, clientAddress: '10.9.9.9', now: at(2070) },
          limits,
        )
      ).ok,
    ).toBe(true);
  });

  it('requires a TOTP code once enrolled, and refuses a wrong or replayed one', async () => {
    const officer = { ok: true, value: await account('officer') } as const;
    expect(
      await createUser(store, contextOf('home', 'coordinator'), {
        username: 'x',
        organisationId: 'home',
        role: 'viewer',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const enrolment = await beginTotpEnrolment(store, officer.value.userId, NOW);
    if (!enrolment.ok) throw new Error(enrolment.error.kind);
    expect(enrolment.value.uri).toMatch(/^otpauth:\/\/totp\/Safe%20Passage:officer\?/);
    const sealedSecret = await store.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', officer.value.userId)
      .executeTakeFirstOrThrow();
    expect(sealedSecret.totp_secret).not.toContain(enrolment.value.secret);
    expect(await confirmTotp(store, officer.value.userId, '000000', at(10))).toMatchObject({ ok: false });
    expect(
      (await confirmTotp(store, officer.value.userId, totpCodeAt(enrolment.value.secret, at(10)), at(10))).ok,
    ).toBe(true);

    const base = { username: 'officer', password: officer.value.oneTimePassword, clientAddress: '10.0.0.3' };
    expect(await login(store, { ...base, now: at(100) })).toEqual({
      ok: false,
      error: { kind: 'second-factor-required' },
    });
    expect(await login(store, { ...base, totpCode: '123456', now: at(100) })).toEqual({
      ok: false,
      error: { kind: 'invalid-credentials' },
    });
    const code = totpCodeAt(enrolment.value.secret, at(100));
    expect((await login(store, { ...base, totpCode: code, now: at(100) })).ok).toBe(true);
    expect(await login(store, { ...base, totpCode: code, now: at(101) })).toEqual({
      ok: false,
      error: { kind: 'invalid-credentials' },
    });
  });
});

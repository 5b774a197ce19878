// Guessing pickup codes over the API: a user's failed checks are limited (5 in 10 minutes, then 429 with Retry-After,
// audited), counted from the audit log so every server process on the database sees them; successes do not count,
// other users are not affected, and the limit is a server option.
import { describe, expect, it } from 'vitest';
import { codeText, type PickupCode } from '../../src/core/operation/index.ts';
import { createApp } from '../../src/server/index.ts';
import { type AccessContext, exportInstructions, type StaffRole, savePlanRun } from '../../src/store/index.ts';
import { busTrip } from '../store/convoy-fixture.ts';
import { DIALECTS } from '../store/harness.ts';
import { call, problemOf, type ServerFixture } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

const CONVOYS = [
  busTrip(0, '2018-07-21T21:00+03:00', '2018-07-21T21:20+03:00', ['h1', 'h2']),
  busTrip(1, '2018-07-21T22:00+03:00', '2018-07-21T22:20+03:00', ['h3']),
];

/** Minutes after 21:50 (inside every household's window) on the night of the operation. */
const minute = (m: number, s = 0) => new Date(Date.parse('2018-07-21T18:50:00Z') + m * 60_000 + s * 1000);

describe.each(DIALECTS)('verify-code rate limit on $name', (dialect) => {
  let fx: ServerFixture;
  const codes = new Map<string, PickupCode>();
  let clock = new Date('2018-07-21T15:00:00Z');

  const verifyAs = async (role: StaffRole, code: string, consume = false) =>
    call(fx.app, 'POST', '/api/instructions/verify-code', {
      token: await fx.token(role),
      json: { code, ...(consume ? { consume } : {}) },
    });
  const codeOf = (household: string) => codeText(codes.get(household)!, 'en');
  const auditRows = (userId: string, action: string) =>
    fx.store.db
      .selectFrom('audit_log')
      .select(['occurred_at', 'entity', 'entity_id'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .execute();

  useServerFixture(
    dialect,
    async (made) => {
      fx = made;
      const setUp: AccessContext = {
        actor: { userId: fx.userIds.coordinator, organisationId: 'home', role: 'coordinator' },
        clientAddress: 'test',
        purpose: 'test set-up',
        now: new Date('2018-07-21T09:00:00Z'),
      };
      const saved = await savePlanRun(fx.store, setUp, {
        scenarioId: fx.scenarioId,
        kind: 'routing',
        parameters: {},
        result: { schedule: { convoys: CONVOYS } },
      });
      if (!saved.ok) throw new Error(saved.error.kind);
      const issued = await call(fx.app, 'POST', '/api/instructions/issue', { token: await fx.token('coordinator') });
      if (issued.status !== 200) throw new Error(`issue: ${issued.status}`);
      const out = await exportInstructions(fx.store, setUp, fx.scenarioId, { channel: 'test', onlyUntold: false });
      if (!out.ok) throw new Error(out.error.kind);
      for (const i of out.value.instructions) codes.set(i.household_id, i.code);
    },
    { now: () => clock },
  );

  it('refuses the 6th check after 5 failures in 10 minutes with 429 and Retry-After, and audits the refusal', async () => {
    for (let m = 0; m < 5; m++) {
      clock = minute(m);
      const wrong = await verifyAs('field_officer', `nothing ${10 + m}`);
      expect(wrong.status, `failure ${m + 1}`).toBe(404);
    }
    clock = minute(5);
    // Even the right code is not checked now: the pause must not tell a guesser which guess was right.
    const refused = await verifyAs('field_officer', codeOf('h3'), true);
    expect(refused.status).toBe(429);
    // The oldest failure (21:50) leaves the window at 22:00: five minutes from 21:55.
    expect(refused.headers.get('Retry-After')).toBe('300');
    const problem = await problemOf(refused);
    expect(problem.code).toBe('rate-limited');
    expect((problem as { detail?: string }).detail).toMatch(/5 wrong pickup codes .* 10 minutes/);
    const used = await fx.store.db.selectFrom('pickup_code_uses').select('household_id').execute();
    expect(used).toEqual([]);
    const audited = await auditRows(fx.userIds.field_officer, 'code:rate-limited');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entity: 'scenario', entity_id: fx.scenarioId });
    expect(new Date(audited[0]!.occurred_at).getTime()).toBe(minute(5).getTime());
  });

  it('keeps refusing while the window holds, without the refusals extending it; then checks resume', async () => {
    clock = minute(9, 59);
    const stillPaused = await verifyAs('field_officer', codeOf('h3'));
    expect(stillPaused.status).toBe(429);
    expect(stillPaused.headers.get('Retry-After')).toBe('1');
    expect(await auditRows(fx.userIds.field_officer, 'code:rate-limited')).toHaveLength(2);
    // 22:00: the first failure is 10 minutes old, four remain in the window: one more check is allowed.
    clock = minute(10);
    const resumed = await verifyAs('field_officer', codeOf('h3'), true);
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ household_id: 'h3' });
    // A fifth failure within the window pauses checks again, until the second failure (21:51) is 10 minutes old.
    clock = minute(10, 30);
    expect((await verifyAs('field_officer', 'nothing 20')).status).toBe(404);
    clock = minute(10, 40);
    const pausedAgain = await verifyAs('field_officer', codeOf('h1'));
    expect(pausedAgain.status).toBe(429);
    expect(pausedAgain.headers.get('Retry-After')).toBe('20');
  });

  it('does not count successes, and does not hold back another user', async () => {
    // The coordinator checks codes too: four failures, then many good checks, then one more failure is still allowed.
    for (let i = 0; i < 4; i++) {
      clock = minute(11, i);
      expect((await verifyAs('coordinator', `nothing ${30 + i}`)).status).toBe(404);
    }
    for (let i = 0; i < 8; i++) {
      clock = minute(11, 10 + i);
      expect((await verifyAs('coordinator', codeOf(i % 2 === 0 ? 'h1' : 'h2'))).status, `success ${i}`).toBe(200);
    }
    clock = minute(11, 30);
    expect((await verifyAs('coordinator', codeOf('h3'))).status).toBe(409); // used above: the fifth failure
    clock = minute(11, 40);
    expect((await verifyAs('coordinator', codeOf('h1'))).status).toBe(429);
    // The coordinator's failures are not the field officer's: four of its own remain in the window, it may check.
    clock = minute(11, 45);
    expect((await verifyAs('field_officer', codeOf('h2'))).status).toBe(200);
  });

  it('takes its limits from the server options', async () => {
    // A second process over the same database with a stricter limit (2 an hour): it counts the failures the first
    // one recorded, the field officer's six since 21:50; the first process (5 in 10 minutes) sees only one of them.
    const strict = createApp({
      store: fx.store,
      keyring: fx.keyring,
      now: () => clock,
      codeCheckLimits: { failures: 2, windowMs: 60 * 60_000 },
    });
    clock = minute(15);
    const res = await call(strict, 'POST', '/api/instructions/verify-code', {
      token: await fx.token('administrator'),
      json: { code: 'nothing 40' },
    });
    expect(res.status).toBe(404);
    expect(
      (
        await call(strict, 'POST', '/api/instructions/verify-code', {
          token: await fx.token('field_officer'),
          json: { code: codeOf('h1') },
        })
      ).status,
    ).toBe(429);
    const lenient = await call(fx.app, 'POST', '/api/instructions/verify-code', {
      token: await fx.token('field_officer'),
      json: { code: codeOf('h1') },
    });
    expect(lenient.status).toBe(200);
  });

  it('holds against parallel guesses: ten at once from one account get at most five answers', async () => {
    // Counted under the user's row lock inside the check: read before it, ten parallel requests were ten guesses.
    clock = minute(120);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => verifyAs('field_officer', `nothing ${40 + i}`)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});

// Allocation overrides in the store: the caseworker's note is sealed (nowhere in clear in the database or a saved
// plan, yet carried from run to run), and two overrides decided at once never lose one: the second is a conflict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessContext } from '../../src/store/index.ts';
import { overridesInForce, saveOverrideRun } from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { call, problemOf, type ServerFixture, serverFixture } from './fixture.ts';

const NOTE = 'father worked as a fixer for the team; relatives in Toronto';

interface Answer {
  allocation: { overrides: { applied: { household: string; country: string; kind: string; note?: string }[] } };
}

describe.each(DIALECTS)('allocation overrides in the store on $name', (dialect) => {
  let fx: ServerFixture;
  let ctx: AccessContext;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
    ctx = {
      actor: { userId: fx.userIds.coordinator, organisationId: 'home', role: 'coordinator' },
      clientAddress: 'test',
      purpose: 'test',
      now: new Date('2018-07-21T10:00:00Z'),
    };
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  const override = async (json: Record<string, string>) =>
    call(fx.app, 'POST', '/api/allocation/overrides', { token: await fx.token('coordinator'), json });

  /** Every stored text a database reader could see: plan runs (parameters, results) and allocation rows. */
  async function storedText(): Promise<string> {
    const runs = await fx.store.db.selectFrom('plan_runs').select(['parameters', 'result']).execute();
    const rows = await fx.store.db.selectFrom('allocations').select(['reason']).execute();
    return JSON.stringify([runs, rows]);
  }

  it('seals the note: not in clear in the store or a saved plan, shown to the coordinator, carried to the next run', async () => {
    const first = await override({ household: 'h1', country: 'CAN', kind: 'pin', note: NOTE });
    expect(first.status, await first.clone().text()).toBe(200);
    expect(((await first.json()) as Answer).allocation.overrides.applied).toEqual([
      { kind: 'pin', household: 'h1', country: 'CAN', note: NOTE },
    ]);
    expect(await storedText()).not.toContain('fixer');
    const marked = await fx.store.db
      .selectFrom('allocations')
      .select(['reason', 'overridden_by'])
      .where('household_id', '=', 'h1')
      .where('overridden_by', 'is not', null)
      .execute();
    expect(marked).toEqual([{ reason: 'pin CAN', overridden_by: fx.userIds.coordinator }]);

    // A reader of the allocation sees the override, not the note.
    const read = await call(fx.app, 'GET', '/api/allocation', { token: await fx.token('viewer') });
    expect(JSON.stringify(await read.json())).not.toContain('fixer');
    // A whole plan run keeps the override in force and stores no note either.
    const plan = await call(fx.app, 'POST', '/api/plan', { token: await fx.token('coordinator') });
    expect(plan.status).toBe(200);
    expect(await storedText()).not.toContain('fixer');

    // The next override re-seals the earlier note under its own run: the coordinator still reads it.
    const second = await override({ household: 'h3', country: 'GBR', kind: 'forbid' });
    expect(second.status, await second.clone().text()).toBe(200);
    const applied = ((await second.json()) as Answer).allocation.overrides.applied;
    expect(applied.find((o) => o.household === 'h1')?.note).toBe(NOTE);
    const inForce = await overridesInForce(fx.store, fx.scenarioId);
    expect(inForce.ok && inForce.value.overrides).toEqual([
      { kind: 'pin', household: 'h1', country: 'CAN', note: NOTE },
      { kind: 'forbid', household: 'h3', country: 'GBR' },
    ]);
    expect(await storedText()).not.toContain('fixer');
  });

  it('refuses the second of two saves decided on the same overrides, and writes nothing for it', async () => {
    const base = await overridesInForce(fx.store, fx.scenarioId);
    if (!base.ok) throw new Error(base.error.kind);
    const save = (country: string) =>
      saveOverrideRun(fx.store, ctx, {
        scenarioId: fx.scenarioId,
        basedOn: base.value.runId,
        overrides: [...base.value.overrides, { kind: 'forbid', household: 'h2', country }],
        override: { kind: 'forbid', household: 'h2', country },
        result: {},
        allocations: [{ householdId: 'h2', country: null, status: 'unplaced' }],
      });
    const runsBefore = await fx.store.db.selectFrom('plan_runs').select('id').execute();
    const first = await save('GBR');
    expect(first.ok).toBe(true);
    const second = await save('DEU');
    expect(second).toEqual({
      ok: false,
      error: { kind: 'conflict', basedOn: base.value.runId, latest: first.ok ? first.value.planRunId : null },
    });
    expect(await fx.store.db.selectFrom('plan_runs').select('id').execute()).toHaveLength(runsBefore.length + 1);
    const after = await overridesInForce(fx.store, fx.scenarioId);
    expect(after.ok && after.value.overrides.map((o) => `${o.kind} ${o.household} ${o.country}`)).toContain(
      'forbid h2 GBR',
    );
  });

  it('two coordinators overriding at once: one may get a conflict, neither override is ever lost', async () => {
    const [a, b] = await Promise.all([
      override({ household: 'h3', country: 'CAN', kind: 'forbid' }),
      override({ household: 'h1', country: 'GBR', kind: 'forbid' }),
    ]);
    const statuses = [a!.status, b!.status].sort();
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    for (const res of [a!, b!]) if (res.status === 409) expect((await problemOf(res)).code).toBe('conflict');
    const inForce = await overridesInForce(fx.store, fx.scenarioId);
    if (!inForce.ok) throw new Error(inForce.error.kind);
    const keys = inForce.value.overrides.map((o) => `${o.kind} ${o.household} ${o.country}`);
    if (a!.status === 200) expect(keys).toContain('forbid h3 CAN');
    if (b!.status === 200) expect(keys).toContain('forbid h1 GBR');
  });
});

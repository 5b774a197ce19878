// Plan runs and allocation overrides: stored as the engines produced them, overrides attributed and audited.
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { allocationsOf, overrideAllocation, savePlanRun } from '../../src/store/plan-runs.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

describe.each(DIALECTS)('plan runs on $name', (dialect) => {
  it('saves a run with allocations, and records who overrode one and why', async () => {
    const { store } = await freshStore(dialect);
    const ctx = await seedOrganisation(store, 'org-a');
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    const run = await savePlanRun(store, ctx, {
      scenarioId: imported.value.scenarioId,
      kind: 'allocation',
      parameters: { seed: 1 },
      result: { objective: 12.5, households: ['h1', 'h2'] },
      allocations: [
        { householdId: 'h1', country: 'DEU', status: 'allocated' },
        { householdId: 'h2', country: null, status: 'unallocated' },
      ],
    });
    if (!run.ok) throw new Error(run.error.kind);
    const viewer = contextOf('org-a', 'viewer');
    const before = await allocationsOf(store, viewer, run.value.planRunId);
    expect(before.ok && before.value.map((a) => [a.householdId, a.country])).toEqual([
      ['h1', 'DEU'],
      ['h2', null],
    ]);
    const h2 = before.ok ? before.value[1]!.id : '';
    expect(
      await overrideAllocation(store, viewer, h2, { country: 'CAN', status: 'allocated', reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(
      (await overrideAllocation(store, ctx, h2, { country: 'CAN', status: 'allocated', reason: 'family in Toronto' }))
        .ok,
    ).toBe(true);
    const after = await allocationsOf(store, ctx, run.value.planRunId);
    expect(after.ok && after.value[1]).toMatchObject({
      country: 'CAN',
      overriddenBy: ctx.actor.userId,
      reason: 'family in Toronto',
    });
    expect(await allocationsOf(store, contextOf('org-b', 'coordinator'), run.value.planRunId)).toMatchObject({
      ok: false,
    });
    expect((await verifyAudit(store)).ok).toBe(true);
    await store.close();
  });
});

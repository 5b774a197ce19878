// Cases through the policy: owners see all, a government's liaison sees only granted fields, sealed fields cannot be swapped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import type { AccessContext } from '../../src/store/access-context.ts';
import { listCases, readCase, shareCase } from '../../src/store/cases.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import type { Store } from '../../src/store/store.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

describe.each(DIALECTS)('cases and sharing on $name', (dialect) => {
  // One store for the file (each test imports its own scenario): opening a store costs seconds on PGlite.
  let store: Store;
  let ctx: AccessContext;
  beforeAll(async () => {
    store = (await freshStore(dialect)).store;
    ctx = await seedOrganisation(store, 'ngo-a');
    await seedOrganisation(store, 'ngo-b');
    await seedOrganisation(store, 'gov-de', 'government', 'government_liaison');
    await seedOrganisation(store, 'gov-ca', 'government', 'government_liaison');
  });
  afterAll(() => store.close());

  it('shows the owner everything, a liaison only granted fields, and other organisations nothing', async () => {
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    const scenarioId = imported.value.scenarioId;
    const cases = await listCases(store, ctx, scenarioId);
    if (!cases.ok) throw new Error(cases.error.kind);
    const h1 = cases.value.find((c) => c.householdId === 'h1')!;

    const owner = await readCase(store, ctx, h1.caseId);
    expect(owner.ok && owner.value.members[0]).toMatchObject({
      given_name: 'Mohammed',
      name_arabic: 'محمد أحمد الحريري',
      flags: ['known_to_authorities'],
    });

    const liaison = contextOf('gov-de', 'government_liaison');
    expect(await readCase(store, liaison, h1.caseId)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', reason: 'not-shared' },
    });
    expect(await shareCase(store, ctx, h1.caseId, 'gov-de', ['given_name', 'notes'])).toEqual({
      ok: false,
      error: { kind: 'field-not-grantable', fields: ['notes'] },
    });
    expect(
      (
        await shareCase(store, ctx, h1.caseId, 'gov-de', [
          'given_name',
          'family_name',
          'household_size',
          'vetting_status',
        ])
      ).ok,
    ).toBe(true);

    const shared = await readCase(store, liaison, h1.caseId);
    expect(shared.ok && shared.value.members[0]).toEqual({
      person_id: 'p1',
      household_id: 'h1',
      given_name: 'Mohammed',
      family_name: 'Al-Hariri',
      household_size: 4,
      vetting_status: expect.any(Array),
    });
    expect(await listCases(store, liaison, scenarioId)).toEqual({ ok: true, value: [h1] });
    expect(await readCase(store, contextOf('gov-ca', 'government_liaison'), h1.caseId)).toMatchObject({ ok: false });
    expect(await readCase(store, contextOf('ngo-b', 'coordinator'), h1.caseId)).toMatchObject({
      ok: false,
      error: { reason: 'other-organisation' },
    });
    expect(
      await shareCase(store, contextOf('ngo-a', 'field_officer'), h1.caseId, 'gov-ca', ['given_name']),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('refuses a sealed field copied from another person (the record id is bound into the ciphertext)', async () => {
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    const [p1, p4] = await Promise.all(
      ['p1', 'p4'].map((id) =>
        store.db
          .selectFrom('people')
          .selectAll()
          .where('scenario_id', '=', imported.value.scenarioId)
          .where('person_id', '=', id)
          .executeTakeFirstOrThrow(),
      ),
    );
    await store.db
      .updateTable('people')
      .set({ sealed: JSON.stringify({ ...p1!.sealed, given_name: p4!.sealed.given_name }) })
      .where('id', '=', p1!.id)
      .execute();
    const cases = await listCases(store, ctx, imported.value.scenarioId);
    const h1 = cases.ok ? cases.value.find((c) => c.householdId === 'h1')! : undefined;
    expect(await readCase(store, ctx, h1!.caseId)).toEqual({
      ok: false,
      error: { kind: 'unseal-failed', recordId: p1!.id, field: 'given_name' },
    });
  });
});

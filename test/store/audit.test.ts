// The audit chain: accesses are logged in their own transaction, and editing, inserting or deleting a row is caught and named.
import { type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { listCases, readCase } from '../../src/store/cases.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import type { AuditLogTable } from '../../src/store/schema.ts';
import type { Store } from '../../src/store/store.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

describe.each(DIALECTS)('audit chain on $name', (dialect) => {
  let shared: Store;
  let pristine: { log: Selectable<AuditLogTable>[]; head: { seq: number; hash: string } };
  beforeAll(async () => {
    shared = await buildAuditedStore();
    pristine = {
      log: await shared.db.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
      head: await shared.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow(),
    };
  });
  afterAll(() => shared.close());

  /** The shared store with its chain put back as it was before any test tampered with it. */
  async function auditedStore(): Promise<Store> {
    await shared.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_log').execute();
      await trx.insertInto('audit_log').values(pristine.log).execute();
      await trx.updateTable('audit_head').set(pristine.head).execute();
    });
    return shared;
  }

  /** A store with an imported scenario and one case read: a chain of a few dozen rows. */
  async function buildAuditedStore(): Promise<Store> {
    const { store } = await freshStore(dialect);
    const ctx = await seedOrganisation(store, 'org-a');
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    const cases = await listCases(store, ctx, imported.value.scenarioId);
    if (!cases.ok) throw new Error(cases.error.kind);
    const read = await readCase(
      store,
      { ...ctx, purpose: 'vetting review', clientAddress: '198.51.100.7' },
      cases.value[0]!.caseId,
    );
    expect(read.ok).toBe(true);
    return store;
  }

  it('logs every read and write of personal data with who, where and why, and verifies', async () => {
    const store = await auditedStore();
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const reads = rows.filter((r) => r.action === 'read' && r.entity === 'person');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]).toMatchObject({
      actor_user_id: 'org-a-coordinator',
      client_address: '198.51.100.7',
      purpose: 'vetting review',
    });
    expect(rows.filter((r) => r.action === 'create' && r.entity === 'person')).toHaveLength(8);
    expect(await verifyAudit(store)).toEqual({ ok: true, rows: rows.length });
  });

  it('names an edited row', async () => {
    const store = await auditedStore();
    await store.db.updateTable('audit_log').set({ purpose: 'nothing to see' }).where('seq', '=', 5).execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'edited', seq: 5 });
  });

  it('names a row inserted at the end, with or without the head moved', async () => {
    const store = await auditedStore();
    const last = await store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const forged = { ...last, seq: last.seq + 1, prev_hash: last.hash, action: 'read', hash: 'f'.repeat(64) };
    await store.db.insertInto('audit_log').values(forged).execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'inserted', seq: last.seq + 1 });
    await store.db.updateTable('audit_head').set({ seq: forged.seq, hash: forged.hash }).execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'edited', seq: last.seq + 1 });
  });

  it('names a row inserted in the middle (later rows renumbered)', async () => {
    const store = await auditedStore();
    // Shift rows 10.. up by one (from the top, so the primary key never collides), then fill the hole.
    await sql`update audit_log set seq = -(seq + 1) where seq >= 10`.execute(store.db);
    await sql`update audit_log set seq = -seq where seq < 0`.execute(store.db);
    const before = await store.db.selectFrom('audit_log').selectAll().where('seq', '=', 9).executeTakeFirstOrThrow();
    await store.db
      .insertInto('audit_log')
      .values({ ...before, seq: 10, prev_hash: before.hash, entity_id: 'planted' })
      .execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'edited', seq: 10 });
  });

  it('names a deleted row, in the middle or at the end', async () => {
    const store = await auditedStore();
    const { seq: lastSeq } = await store.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await store.db.deleteFrom('audit_log').where('seq', '=', lastSeq).execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'missing', seq: lastSeq });
    await store.db.deleteFrom('audit_log').where('seq', '=', 7).execute();
    expect(await verifyAudit(store)).toEqual({ ok: false, kind: 'missing', seq: 7 });
  });

  it('rolls the audit rows back with a failed access', async () => {
    const store = await auditedStore();
    const before = await verifyAudit(store);
    const ctx = {
      actor: { userId: 'x', organisationId: 'org-b', role: 'coordinator' as const },
      clientAddress: 'cli',
      purpose: 'test',
      now: new Date(),
    };
    const denied = await readCase(
      store,
      ctx,
      (await store.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id,
    );
    expect(!denied.ok && denied.error.kind).toBe('forbidden');
    expect(await verifyAudit(store)).toEqual(before);
  });
});

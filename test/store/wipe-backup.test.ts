// Emergency wipe and encrypted backups: after a wipe neither the data folder nor an earlier backup can be read.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { backup, openBackup, restore } from '../../src/store/backup.ts';
import { createKeyFile, keyringFromPassphrase, openKeyFile } from '../../src/store/keyring.ts';
import { exportScenario } from '../../src/store/scenario-export.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import { openStore } from '../../src/store/store.ts';
import { wipe } from '../../src/store/wipe.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch, scratchDir, TEST_ARGON2 } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

describe.each(DIALECTS)('backup, restore and wipe on $name', (dialect) => {
  it('restores a backup into an empty store, and the backup holds no plaintext', async () => {
    const { store, keyring } = await freshStore(dialect);
    const ctx = await seedOrganisation(store, 'org-a');
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    const file = join(scratchDir(), 'store.spbak');
    const admin = contextOf('org-a', 'administrator');
    expect(await backup(store, ctx, file)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect((await backup(store, admin, file)).ok).toBe(true);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('Al-Hariri'))).toBe(false);
    expect(bytes.includes(Buffer.from('people'))).toBe(false);
    await store.close();

    const target = await dialect.freshConfig();
    const reopened = await openStore(target, keyring, { passwordHashing: TEST_ARGON2 });
    if (!reopened.ok) throw new Error(reopened.error.kind);
    expect((await restore(reopened.value, admin, file)).ok).toBe(true);
    expect(await restore(reopened.value, admin, file)).toEqual({ ok: false, error: { kind: 'store-not-empty' } });
    const exported = await exportScenario(reopened.value, ctx, imported.value.scenarioId);
    expect(exported.ok && exported.value).toEqual(loaded.scenario);
    expect((await verifyAudit(reopened.value)).ok).toBe(true);
    await reopened.value.close();
  });

  it('wipes keys and data in under a second; the data and an earlier backup are then unreadable', async () => {
    const { store, keyring, config } = await freshStore(dialect);
    const ctx = await seedOrganisation(store, 'org-a');
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    expect((await importScenario(store, ctx, loaded.scenario!)).ok).toBe(true);
    const file = join(scratchDir(), 'before-wipe.spbak');
    expect((await backup(store, contextOf('org-a', 'administrator'), file)).ok).toBe(true);
    const keyFile = keyring.source.kind === 'key-file' ? keyring.source.path : '';
    expect(openBackup(keyring, readFileSync(file))).toBeDefined();

    const report = await wipe(store, keyring);
    expect(report.durationMs).toBeLessThan(1000);
    expect(existsSync(keyFile)).toBe(false);
    expect(await openKeyFile(keyFile)).toMatchObject({ ok: false, error: { kind: 'key-file-missing' } });
    expect(keyring.wrap.every((b) => b === 0)).toBe(true);
    if ('dataDir' in config) expect(existsSync(config.dataDir)).toBe(false);
    else {
      // The database is still there but empty; with a new key it opens as a new, empty store.
      const fresh = await createKeyFile(join(scratchDir(), 'new.key'));
      if (!fresh.ok) throw new Error(fresh.error.kind);
      const reopened = await openStore(config, fresh.value, { passwordHashing: TEST_ARGON2 });
      if (!reopened.ok) throw new Error(reopened.error.kind);
      expect(await reopened.value.db.selectFrom('people').select('id').execute()).toEqual([]);
      expect(await reopened.value.db.selectFrom('data_keys').select('record_id').execute()).toEqual([]);
      await reopened.value.close();
    }
    // The backup survives on disk, but no key can open it: neither the zeroed keyring nor a new one.
    expect(openBackup(keyring, readFileSync(file))).toBeUndefined();
    const other = await createKeyFile(join(scratchDir(), 'other.key'));
    expect(other.ok && openBackup(other.value, readFileSync(file))).toBeUndefined();
  });

  it('with a passphrase, wiping the salt file makes the passphrase alone worthless', async () => {
    const saltFile = join(scratchDir(), 'passphrase.salt');
    const first = await keyringFromPassphrase('sesame sesame sesame', saltFile, TEST_ARGON2);
    if (!first.ok) throw new Error(first.error.kind);
    const config = await dialect.freshConfig();
    const opened = await openStore(config, first.value, { passwordHashing: TEST_ARGON2 });
    if (!opened.ok) throw new Error(opened.error.kind);
    await seedOrganisation(opened.value, 'org-a');
    const file = join(scratchDir(), 'passphrase.spbak');
    expect((await backup(opened.value, contextOf('org-a', 'administrator'), file)).ok).toBe(true);
    await opened.value.close();

    // Another passphrase gives another key, which the store refuses; the right one opens it and the backup.
    const wrong = await keyringFromPassphrase('open sesame', saltFile, TEST_ARGON2);
    if (!wrong.ok) throw new Error(wrong.error.kind);
    expect(await openStore(config, wrong.value)).toEqual({ ok: false, error: { kind: 'wrong-key' } });
    const same = await keyringFromPassphrase('sesame sesame sesame', saltFile, TEST_ARGON2);
    if (!same.ok) throw new Error(same.error.kind);
    expect(openBackup(same.value, readFileSync(file))).toBeDefined();
    const reopened = await openStore(config, same.value, { passwordHashing: TEST_ARGON2 });
    if (!reopened.ok) throw new Error(reopened.error.kind);

    await wipe(reopened.value, same.value);
    expect(existsSync(saltFile)).toBe(false);
    const after = await keyringFromPassphrase('sesame sesame sesame', saltFile, TEST_ARGON2);
    expect(after.ok && openBackup(after.value, readFileSync(file))).toBeUndefined();
  });
});

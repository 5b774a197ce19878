// The wipe and audit verify commands on an embedded store, through commander as the CLI runs them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunAction } from '../../src/cli/command.ts';
import { registerAudit } from '../../src/cli/commands/audit.ts';
import { registerWipe } from '../../src/cli/commands/wipe.ts';
import { ensureAdministrator } from '../../src/store/auth/users.ts';
import { openOrCreateKeyFile } from '../../src/store/keyring.ts';
import { openStore } from '../../src/store/store.ts';
import { DIALECTS, removeScratch, scratchDir, TEST_ARGON2 } from './harness.ts';
import { NOW } from './people-fixture.ts';

afterAll(() => removeScratch(), 60_000);

async function embeddedDataDir(): Promise<string> {
  const config = await DIALECTS[0]!.freshConfig();
  if (!('dataDir' in config)) throw new Error('the first dialect is the embedded one');
  return config.dataDir;
}

/** Runs one command line; returns its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let code = -1;
  let out = '';
  const write = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(write);
  const run: RunAction =
    (action) =>
    async (...a) => {
      code = await action(...a);
    };
  const program = new Command().exitOverride();
  registerWipe(program, run);
  registerAudit(program, run);
  try {
    await program.parseAsync(['node', 'safepassage', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { code, out };
}

describe('wipe and audit commands (embedded store)', () => {
  const saved = process.env.DATABASE_URL;
  beforeEach(() => {
    delete process.env.DATABASE_URL;
  });
  afterEach(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  });

  it('verifies the chain, refuses to wipe without --yes, then wipes keys and data', async () => {
    const dataDir = await embeddedDataDir();
    const keyring = await openOrCreateKeyFile(`${dataDir}.key`);
    if (!keyring.ok) throw new Error(keyring.error.kind);
    const store = await openStore({ dataDir }, keyring.value, { passwordHashing: TEST_ARGON2 });
    if (!store.ok) throw new Error(store.error.kind);
    await ensureAdministrator(store.value, NOW);
    await store.value.close();

    expect(await cli(['audit', 'verify', '--data', dataDir])).toEqual({ code: 0, out: 'audit chain intact: 1 rows\n' });
    expect((await cli(['wipe', '--data', dataDir])).code).toBe(2);
    expect(existsSync(dataDir)).toBe(true);
    const wiped = await cli(['wipe', '--data', dataDir, '--yes']);
    expect(wiped.code).toBe(0);
    expect(wiped.out).toContain(`destroyed: key file ${dataDir}.key`);
    expect(existsSync(dataDir) || existsSync(`${dataDir}.key`)).toBe(false);
    expect((await cli(['audit', 'verify', '--data', dataDir])).code).toBe(1);
  });

  it('wipes the data even when the key file is already gone', async () => {
    const dataDir = await embeddedDataDir();
    const keyring = await openOrCreateKeyFile(join(scratchDir(), 'elsewhere.key'));
    if (!keyring.ok) throw new Error(keyring.error.kind);
    const store = await openStore({ dataDir }, keyring.value);
    if (!store.ok) throw new Error(store.error.kind);
    await store.value.close();
    expect((await cli(['wipe', '--data', dataDir, '--yes'])).code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });
});

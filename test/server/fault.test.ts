// Fault: the server process killed with SIGKILL in the middle of a large import leaves the whole import or none of it.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyFile, openStore, type Store } from '../../src/store/index.ts';
import { DIALECTS, type Dialect, dropTestDatabases, removeScratch, scratchDir, TEST_ARGON2 } from '../store/harness.ts';
import { TINY } from './fixture.ts';

const PEOPLE = 3000;

function bigList(): string {
  const lines = [
    'person_id,household_id,relationship,given_name,father_name,family_name,sex,birth_date,role,location,notes',
  ];
  for (let i = 0; i < PEOPLE; i++) {
    const hh = `hf${Math.floor(i / 2)}`;
    lines.push(
      `f${i},${hh},${i % 2 === 0 ? 'head' : 'spouse'},Name${i},Father${i},Family${i % 97},${i % 2 === 0 ? 'M' : 'F'},1980-01-01,family,Nawa,seen at ${i}`,
    );
  }
  return lines.join('\n');
}

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly password: string;
}

/** Starts `serve` on a fresh store and waits for its URL and the administrator's one-time password. */
async function startChild(env: NodeJS.ProcessEnv, dataDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/server/serve-child.ts',
      'serve',
      '--data',
      dataDir,
      '--port',
      '0',
      '--scenario',
      TINY,
      '--static',
      join(dataDir, 'none'),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /API on (http:\/\/\S+)/.exec(out)?.[1];
      const password = /one-time password\s+(\S+)/.exec(out)?.[1];
      if (url !== undefined && password !== undefined) {
        clearTimeout(timer);
        resolve({ process: child, url, password });
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
}

async function adminToken(child: Child): Promise<string> {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${child.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const first = (await (await post('/api/login', { username: 'admin', password: child.password })).json()) as {
    token: string;
  };
  const newPassword = 'a long new password for the test';
  await post('/api/password', { current_password: child.password, new_password: newPassword }, first.token);
  return ((await (await post('/api/login', { username: 'admin', password: newPassword })).json()) as { token: string })
    .token;
}

async function peopleIn(
  dialect: Dialect,
  config: { dataDir: string } | { databaseUrl: string },
  keyFile: string,
): Promise<number> {
  const keyring = await openKeyFile(keyFile);
  if (!keyring.ok) throw new Error(keyring.error.kind);
  const opened = await openStore(config, keyring.value, { passwordHashing: TEST_ARGON2 });
  if (!opened.ok) throw new Error(`${dialect.name}: store does not reopen: ${JSON.stringify(opened.error)}`);
  const store: Store = opened.value;
  const row = await store.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  await store.close();
  return Number(row.n);
}

describe.each(DIALECTS)('SIGKILL during an import on $name', (dialect) => {
  afterAll(async () => {
    await dropTestDatabases();
    removeScratch();
  });

  it('leaves all of the import or none of it', async () => {
    const body = bigList();
    const run = async (killAfterMs: number | undefined) => {
      const config = await dialect.freshConfig();
      const dataDir = 'dataDir' in config ? config.dataDir : join(scratchDir(), 'unused');
      const keyFile = `${dataDir}.key`;
      const env = { ...process.env, DATABASE_URL: 'databaseUrl' in config ? config.databaseUrl : '' };
      const child = await startChild(env, dataDir);
      const token = await adminToken(child);
      const started = performance.now();
      const request = fetch(`${child.url}/api/import?file=big.csv`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
        body,
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        () => undefined,
      );
      let answered = false;
      void request.then(() => {
        answered = true;
      });
      if (killAfterMs !== undefined) await new Promise((r) => setTimeout(r, killAfterMs));
      else await request;
      const elapsedMs = performance.now() - started;
      const answeredBeforeKill = answered;
      const exited = new Promise((r) => child.process.once('exit', r));
      child.process.kill(killAfterMs === undefined ? 'SIGTERM' : 'SIGKILL');
      await exited;
      const result = await request;
      return { people: await peopleIn(dialect, config, keyFile), elapsedMs, answered: answeredBeforeKill, result };
    };
    const whole = await run(undefined);
    expect(whole.result?.status, whole.result?.text.slice(0, 300)).toBe(200);
    // An import stores a new version of the scenario: the old people, plus the old and the new ones.
    const tinyPeople = (whole.people - PEOPLE) / 2;
    // Kill at about two thirds of a full import: inside the store's transaction.
    const killed = await run(Math.round(whole.elapsedMs * 0.67));
    console.log(
      `fault (${dialect.name}): full import ${whole.elapsedMs.toFixed(0)} ms; killed at ${(whole.elapsedMs * 0.67).toFixed(0)} ms, ` +
        `answered before kill: ${killed.answered}; people after reopen ${killed.people} (none = ${tinyPeople}, all = ${whole.people})`,
    );
    expect(killed.answered).toBe(false);
    expect([tinyPeople, whole.people]).toContain(killed.people);
  }, 120_000);
});

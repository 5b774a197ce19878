// Starts the real `safepassage serve --demo` on a free port and a throw-away data folder; reads its URL and passwords.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = new URL('../../../', import.meta.url).pathname;

export interface TestServer {
  readonly url: string;
  /** Demo passwords by user name (coordinator, field, liaison, viewer), as printed once at first start. */
  readonly passwords: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * `SAFEPASSAGE_WEB_TEST_CLI` may name another entry point taking the same arguments (default bin/safepassage.mjs).
 * @example const server = await startServer({ staticDir: await buildWeb() }); … await server.stop();
 */
export async function startServer(
  options: { readonly staticDir?: string; readonly timeoutMs?: number } = {},
): Promise<TestServer> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const staticDir = options.staticDir ?? join(REPO, 'web/dist');
  const dir = await mkdtemp(join(tmpdir(), 'safepassage-web-'));
  const cli = process.env.SAFEPASSAGE_WEB_TEST_CLI ?? join(REPO, 'bin/safepassage.mjs');
  const args = [cli, 'serve', '--demo', '--port', '0', '--data', join(dir, 'data'), '--static', staticDir];
  // Each server keeps its own embedded store in its folder: several browser test files run at once, and on CI's
  // DATABASE_URL they would all open one PostgreSQL database with different keys (the store and API suites cover
  // PostgreSQL with a database per test).
  const { DATABASE_URL: _shared, ...env } = process.env;
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}\n${err}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /Safe Passage API on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  const passwords: Record<string, string> = {};
  for (const m of out.matchAll(/^ {2}(\w+)\s+(\w+)\s+(\S{12,})$/gm)) passwords[m[1]!] = m[3]!;
  // The administrator's one-time password is printed alone on an indented line after the first-start notice.
  const admin = /administrator "admin" created[^\n]*\n\s*\n\s+(\S{12,})\s*\n/.exec(out);
  if (admin) passwords.admin = admin[1]!;
  return { url, passwords, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

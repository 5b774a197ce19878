// Builds web/ with Vite's API before the browser tests, so they always test the current source. Each run builds into
// its own temporary folder: two browser test files (or two people) running at once must not serve a half-written app.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO } from './server.ts';

/** Builds the app and returns the folder to serve (pass it to `startServer({ staticDir })`). */
export async function buildWeb(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'safepassage-web-dist-'));
  await build({
    configFile: `${REPO}web/vite.config.ts`,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

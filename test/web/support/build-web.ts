// Builds web/ into web/dist with Vite's API before the browser tests, so they always test the current source.
import { build } from 'vite';
import { REPO } from './server.ts';

export async function buildWeb(): Promise<void> {
  await build({ configFile: `${REPO}web/vite.config.ts`, logLevel: 'warn' });
}

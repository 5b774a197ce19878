// Registers a describe block's server fixture: built once before its tests (with any set-up of the block's own),
// its store closed and the test databases and scratch files removed after them.
import { afterAll, beforeAll } from 'vitest';
import type { LoginLimits } from '../../src/store/index.ts';
import { type Dialect, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { type ServerFixture, serverFixture } from './fixture.ts';

/**
 * Call inside a `describe`; `ready` receives the fixture (keep it in the block's `let fx`) and may set up more.
 * @example let fx: ServerFixture; useServerFixture(dialect, (made) => { fx = made; });
 */
export function useServerFixture(
  dialect: Dialect,
  ready: (fx: ServerFixture) => void | Promise<void>,
  options: { loginLimits?: LoginLimits; now?: () => Date } = {},
): void {
  let fx: ServerFixture | undefined;
  beforeAll(async () => {
    fx = await serverFixture(dialect, options);
    await ready(fx);
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });
}

// What every browser test file sets up: the real server with the built app, one Chromium, a coordinator token for
// API set-up, a page per test closed after it, and the check that the page asked no host but the app's own server.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, type RecordedPage, type TestBrowser } from './browser.ts';
import { buildWeb } from './build-web.ts';
import { startServer, type TestServer } from './server.ts';

export interface BrowserSuite {
  /** The running server (set once the suite's `beforeAll` has run). */
  readonly server: TestServer;
  /** The page of the running test, if it opened one (closed after the test). */
  readonly current: RecordedPage | undefined;
  /** Calls the API as the coordinator (set-up only: the screens are driven through the page). */
  api<T = unknown>(path: string, method?: string, json?: unknown): Promise<T>;
  /** Opens the test's page, not signed in (a test that signs in its own way). */
  newPage(): Promise<RecordedPage>;
  /** Opens the test's page at `hash` and signs in as `username` with the demo password. */
  signedIn(hash?: string, username?: string): Promise<RecordedPage>;
}

/**
 * Call inside a `describe.skipIf(!hasChromium)`; `setUp` runs last in the `beforeAll` (planning, recording events).
 * @example const { api, signedIn } = browserSuite({ setUp: (web) => web.api('/api/plan', 'POST') });
 */
export function browserSuite(
  options: { setUp?: (suite: BrowserSuite) => Promise<unknown>; setUpTimeoutMs?: number } = {},
): BrowserSuite {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  let token = '';
  let current: RecordedPage | undefined;
  const running = (): { server: TestServer; browser: TestBrowser } => {
    if (server === undefined || browser === undefined) throw new Error('browser suite used before its beforeAll');
    return { server, browser };
  };

  const suite: BrowserSuite = {
    get server() {
      return running().server;
    },
    get current() {
      return current;
    },
    async api<T>(path: string, method = 'GET', json?: unknown): Promise<T> {
      const r = await fetch(`${running().server.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      expect(r.ok, `${method} ${path}: ${r.status}`).toBe(true);
      return (await r.json()) as T;
    },
    async newPage(): Promise<RecordedPage> {
      current = await running().browser.newPage();
      return current;
    },
    async signedIn(hash = '#/map', username = 'coordinator'): Promise<RecordedPage> {
      const { server } = running();
      const opened = await suite.newPage();
      const { page } = opened;
      await page.goto(`${server.url}/${hash}`);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', server.passwords[username]!);
      await page.click('button[type=submit]');
      await page.waitForSelector('.topbar');
      return opened;
    },
  };

  beforeAll(async () => {
    server = await startServer({ staticDir: await buildWeb() });
    browser = await launchBrowser();
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: server.passwords.coordinator }),
    });
    token = ((await login.json()) as { token: string }).token;
    await options.setUp?.(suite);
  }, options.setUpTimeoutMs ?? 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    // Every test: nothing requested from any host but the app's own server.
    if (current && server) expect(current.foreignRequests(new URL(server.url).origin)).toEqual([]);
    await current?.close();
    current = undefined;
  });

  return suite;
}

// Debian's Chromium through playwright-core, with the flags that keep it from phoning home, and a page that records
// every request (so a test can prove nothing left for another host) and every console error.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Without these, Chromium makes its own background connections, which a no-other-host check would blame on us. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
];

export interface TestBrowser {
  newPage(): Promise<RecordedPage>;
  close(): Promise<void>;
}

export interface RecordedPage {
  readonly page: Page;
  /** Every URL the page requested, in order. */
  readonly requests: string[];
  readonly consoleErrors: string[];
  /** Requests to any origin but `origin` (data: and blob: URLs stay in the page and are allowed). */
  foreignRequests(origin: string): string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'safepassage-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: QUIET_FLAGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    async newPage() {
      const page = await context.newPage();
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      return {
        page,
        requests,
        consoleErrors,
        foreignRequests: (origin) =>
          requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin),
        close: () => page.close(),
      };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Instructions in a real browser against the demo server: issue from the plan, mark one household sent and see the
// "not yet told" count drop; the printable slips open; the screen in Arabic, right to left; no tab for a viewer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, type RecordedPage, type TestBrowser } from './support/browser.ts';
import { buildWeb } from './support/build-web.ts';
import { screenshot } from './support/screenshot.ts';
import { startServer, type TestServer } from './support/server.ts';

describe.skipIf(!hasChromium)('instructions in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let origin: string;
  let current: RecordedPage | undefined;

  beforeAll(async () => {
    server = await startServer({ staticDir: await buildWeb() });
    origin = new URL(server.url).origin;
    browser = await launchBrowser();
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: server.passwords.coordinator }),
    });
    const { token } = (await login.json()) as { token: string };
    const plan = await fetch(`${server.url}/api/plan`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(plan.ok).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    if (current) expect(current.foreignRequests(origin)).toEqual([]);
    await current?.close();
    current = undefined;
  });

  async function signedIn(hash: string, username: string): Promise<RecordedPage> {
    current = await browser.newPage();
    const { page } = current;
    await page.goto(`${server.url}/${hash}`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', server.passwords[username]!);
    await page.click('button[type=submit]');
    await page.waitForSelector('.topbar');
    return current;
  }

  /** The number in "Not yet told: 254 households". */
  async function notYetTold(page: RecordedPage['page']): Promise<number> {
    const text = (await page.locator('[data-testid=not-yet-told]').textContent()) ?? '';
    return Number(/([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  }

  it('issues instructions, records one household as sent, and the not-yet-told count drops by one', async () => {
    const { page, consoleErrors } = await signedIn('#/instructions', 'coordinator');
    await page.waitForSelector('[data-testid=instructions-screen] [data-testid=issue]');
    await page.click('[data-testid=issue]');
    await page.waitForSelector('[data-testid=issue-summary]');
    await page.waitForSelector('[data-testid=instructions-table] tbody tr[data-state=issued]');
    const before = await notYetTold(page);
    expect(before).toBeGreaterThan(100);

    const first = page.locator('[data-testid=instructions-table] tbody tr[data-state=issued]').first();
    const household = ((await first.getAttribute('data-testid')) ?? '').replace('instruction-', '');
    await page.selectOption('[data-testid=instructions-channel]', 'signal');
    await page.click(`[data-testid=record-sent-${household}]`);
    await expect.poll(() => notYetTold(page)).toBe(before - 1);
    await screenshot(page, 'instructions-en');
    expect(await page.locator(`[data-testid=instruction-${household}]`).getAttribute('data-state')).toBe('sent');

    // "Not yet told" no longer lists it; the slips open with one slip per instructed household.
    await page.selectOption('[data-testid=instructions-filter]', 'untold');
    await expect.poll(() => page.locator('[data-testid=instructions-table] tbody tr').count()).toBe(before - 1);
    expect(await page.locator(`[data-testid=instruction-${household}]`).count()).toBe(0);
    await page.click('[data-testid=export-slips]');
    await page.waitForSelector('[data-testid=slip]');
    expect(await page.locator('[data-testid=slip]').count()).toBeGreaterThanOrEqual(before);
    expect(await page.locator('[data-testid=slip] p[lang=ar]').first().getAttribute('dir')).toBe('rtl');
    expect(consoleErrors).toEqual([]);
  });

  it('shows the screen in Arabic, right to left, to a field officer without the issue button', async () => {
    const { page, consoleErrors } = await signedIn('#/instructions', 'field');
    await page.waitForSelector('[data-testid=instructions-table]');
    await page.click('[data-testid=language-switch]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('[data-testid=instructions-screen] h2').textContent()).toBe('التعليمات للمُجلَين');
    expect(await page.locator('[data-testid=issue]').count()).toBe(0);
    expect(await page.locator('[data-testid=not-yet-told]').textContent()).toContain('لم تُبلَّغ بعد');
    await screenshot(page, 'instructions-ar');
    // The filter for households to tell not to come, in Arabic too.
    const withdrawnOption = page.locator('[data-testid=instructions-filter] option[value=withdrawn]');
    expect(await withdrawnOption.textContent()).toBe('سُحبت — أبلغوها ألا تأتي');
    await page.click('[data-testid=language-switch]');
    expect(await page.locator('.topbar nav a[href="#/instructions"]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('does not show a viewer the Instructions tab (the policy denies it every instruction action)', async () => {
    const { page, consoleErrors } = await signedIn('#/map', 'viewer');
    await page.waitForSelector('.topbar nav a[href="#/map"]');
    expect(await page.locator('.topbar nav a[href="#/instructions"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});

// Instructions in a real browser against the demo server: issue from the plan, mark one household sent and see the
// "not yet told" count drop; the printable slips open; the screen in Arabic, right to left; no tab for a viewer.
import { describe, expect, it } from 'vitest';
import { hasChromium, type RecordedPage } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';
import { screenshot } from './support/screenshot.ts';

describe.skipIf(!hasChromium)('instructions in Chromium', () => {
  const { signedIn } = browserSuite({ setUp: (web) => web.api('/api/plan', 'POST') });

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

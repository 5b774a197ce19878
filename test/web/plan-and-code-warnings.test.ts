// Two warnings in a real browser against the demo server, in English and Arabic: the plan screen says when the plan
// ignores recorded check-ins, and the check-in screen says why code checks are paused after too many wrong codes.
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';

const POLL = { timeout: 30_000, interval: 200 };

describe.skipIf(!hasChromium)('plan and pickup-code warnings in Chromium', () => {
  const { api, signedIn } = browserSuite({ setUp: (web) => web.api('/api/plan', 'POST') });

  it('shows no warning on a fresh plan, then, once a check-in is recorded, says the plan ignores it', async () => {
    const { page, consoleErrors } = await signedIn('#/plan', 'coordinator');
    await page.waitForSelector('[data-testid=plan-summary]');
    expect(await page.locator('[data-testid=plan-warnings]').count()).toBe(0);

    const status = await api<{ people: { person_id: string }[] }>('/api/status');
    const [first, second] = status.people;
    const events = [first!, second!].map((p) => ({
      id: `w-${p.person_id}`,
      person_id: p.person_id,
      status: 'at_assembly_point',
      at: '2018-07-21T19:30+03:00',
    }));
    await api('/api/status/events', 'POST', { device: 'test', events });

    await page.reload();
    const warning = page.locator('[data-testid=plan-warning][data-kind=status-ignored]');
    await warning.waitFor(POLL);
    expect(await warning.textContent()).toMatch(/leaves out the 2 check-in records.*Do not send it to families/);
    expect(await warning.locator('a').getAttribute('href')).toBe('#/live');
    await page.click('[data-testid=language-switch]');
    expect(await warning.textContent()).toContain('لا ترسلها إلى الأسر');
    await page.click('[data-testid=language-switch]');
    // Running the plan again keeps the warning: the new plan ignores the check-ins too.
    await page.getByRole('button', { name: 'Re-run the plan' }).click();
    await expect.poll(async () => (await warning.textContent()) ?? '', POLL).toContain('2 check-in records');
    expect(consoleErrors).toEqual([]);
  });

  it('after five wrong codes, tells the officer in their language that checks are paused', async () => {
    const { page, consoleErrors } = await signedIn('#/checkin', 'field');
    const problem = page.locator('[data-testid=checkin-code-problem]');
    const check = async (code: string): Promise<number> => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/instructions/verify-code'));
      await page.fill('[data-testid=checkin-code]', code);
      await page.press('[data-testid=checkin-code]', 'Enter');
      const status = (await answered).status();
      // The form ignores a submit while the previous check is still being answered.
      await expect.poll(() => page.locator('[data-testid=checkin-code-form] button').isEnabled(), POLL).toBe(true);
      return status;
    };
    for (let i = 0; i < 5; i++) expect(await check(`nonsense ${10 + i}`)).toBe(404);
    expect(await problem.getAttribute('data-code')).toBe('code-unknown');
    expect(await check('nonsense 20')).toBe(429);
    await page.waitForSelector('[data-testid=checkin-code-problem][data-code=rate-limited]', POLL);
    expect(await problem.textContent()).toMatch(/Too many wrong codes from your account.*tell the coordinator/);
    // The pause's end comes from the 429's Retry-After (the first failure was moments ago: about 10 minutes left).
    const resumes = page.locator('[data-testid=checkin-code-resumes]');
    expect(await resumes.textContent()).toMatch(/Checks resume at .+ \(in (9|10) min/);
    await page.click('[data-testid=language-switch]');
    expect(await problem.textContent()).toContain('أبلغ المنسق');
    expect(await resumes.textContent()).toContain('يُستأنف التحقق عند');
    await page.click('[data-testid=language-switch]');
    // The refusals are the API's 429s, which the browser logs as failed requests; nothing else fails.
    expect(consoleErrors.filter((e) => !/\b(404|429)\b/.test(e))).toEqual([]);
  });
});

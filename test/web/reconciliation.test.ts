// The reconciliation screen in a real browser against the real demo server: events recorded through the API show up
// in the totals and the unaccounted-for list, the page prints to PDF in English and Arabic, and a government liaison
// gets its own country's counts only.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';
import { REPO } from './support/server.ts';

const SCREENSHOTS = process.env.SAFEPASSAGE_SCREENSHOTS === '1';
const SHOTS_DIR = join(REPO, 'docs/screenshots');

interface Convoy {
  vehicle: string;
  vehicle_index?: number;
  trip?: number;
  exit: string;
  boards_at: string;
  households: { household_id: string }[];
}
interface Totals {
  exit?: string;
  country?: string;
  crossed: number;
  missing: number;
}

const digits = (text: string | null) =>
  Number((text ?? '').replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\D/g, ''));
const convoyKey = (c: Convoy) =>
  `${c.vehicle}${c.vehicle_index === undefined ? '' : `.${c.vehicle_index}`}${c.trip === undefined ? '' : `#${c.trip}`}`;

if (!hasChromium)
  console.warn('test/web: /usr/bin/chromium is missing (apt-get install chromium): browser tests skipped');

describe.skipIf(!hasChromium)('reconciliation in Chromium', () => {
  let out: { household: string; members: string[]; exit: string };
  let missing: { household: string; person: string };

  const web = browserSuite({
    setUpTimeoutMs: 240_000,
    setUp: async ({ api }) => {
      const plan = await api<{ schedule: { convoys: Convoy[] } }>('/api/plan');
      const status = await api<{ people: { person_id: string; household_id: string }[] }>('/api/status');
      const membersOf = (h: string) => status.people.filter((p) => p.household_id === h).map((p) => p.person_id);
      const onOneConvoy = plan.schedule.convoys.flatMap((c) =>
        c.households
          .filter(
            (h) =>
              plan.schedule.convoys.filter((d) => d.households.some((x) => x.household_id === h.household_id))
                .length === 1,
          )
          .map((h) => ({ convoy: c, household: h.household_id })),
      );
      const [first, second] = onOneConvoy.filter((x) => membersOf(x.household).length > 1);
      const at = (c: Convoy, minutes: number) =>
        new Date(new Date(c.boards_at).getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z');
      // One household crosses at its planned exit; in another, one member goes missing at the assembly point.
      out = { household: first!.household, members: membersOf(first!.household), exit: first!.convoy.exit };
      missing = { household: second!.household, person: membersOf(second!.household)[0]! };
      const events = [
        ...out.members.flatMap((p) => [
          { id: `r-${p}-a`, person_id: p, status: 'at_assembly_point', at: at(first!.convoy, -30) },
          {
            id: `r-${p}-b`,
            person_id: p,
            status: 'boarded',
            vehicle: convoyKey(first!.convoy),
            at: at(first!.convoy, 0),
          },
          { id: `r-${p}-c`, person_id: p, status: 'crossed', exit: out.exit, at: at(first!.convoy, 90) },
        ]),
        ...membersOf(second!.household).map((p) => ({
          id: `r-${p}-a`,
          person_id: p,
          status: 'at_assembly_point',
          at: at(second!.convoy, -30),
        })),
        { id: `r-${missing.person}-m`, person_id: missing.person, status: 'missing', at: at(second!.convoy, -5) },
      ];
      const recorded = await api<{ accepted: string[] }>('/api/status/events', 'POST', { device: 'test', events });
      expect(recorded.accepted).toHaveLength(events.length);
    },
  });
  const { api, signedIn } = web;

  async function shot(name: string): Promise<void> {
    if (!SCREENSHOTS || !web.current) return;
    await mkdir(SHOTS_DIR, { recursive: true });
    await web.current.page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
  }

  it('shows the totals and the missing person first, filters, and prints to PDF in English and Arabic', async () => {
    const report = await api<{ by_exit: Totals[]; persons: { outcome: string }[] }>('/api/reconciliation');
    const { page, consoleErrors } = await signedIn('#/reconciliation', 'coordinator');
    await page.waitForSelector('[data-testid=unaccounted-table] tbody tr', { timeout: 60_000 });

    const exitRow = report.by_exit.find((r) => r.exit === out.exit)!;
    expect(exitRow.crossed).toBeGreaterThanOrEqual(out.members.length);
    const exitIndex = report.by_exit.indexOf(exitRow);
    const cell = (column: string) =>
      page.locator(`[data-testid=exit-totals] tbody tr >> nth=${exitIndex}`).locator(`td[data-column=${column}]`);
    expect(digits(await cell('crossed').textContent())).toBe(exitRow.crossed);
    expect(digits(await cell('missing').textContent())).toBe(exitRow.missing);
    expect(await page.locator('[data-testid=exit-chart] svg').count()).toBe(report.by_exit.length);
    const outCount = report.persons.filter((p) => p.outcome === 'out').length;
    expect(await page.locator('[data-testid=reconciliation-summary]').textContent()).toContain(`${outCount} of`);

    // The missing person heads the unaccounted-for list, with the household id and the reason.
    const top = page.locator('[data-testid=unaccounted-table] tbody tr').first();
    expect(await top.getAttribute('data-person')).toBe(missing.person);
    expect(await top.textContent()).toContain(missing.household);
    expect(await top.textContent()).toContain('Missing');
    // Nobody who crossed is in it.
    for (const p of out.members)
      expect(await page.locator(`[data-testid=unaccounted-table] tr[data-person="${p}"]`).count()).toBe(0);

    // A filter narrows both lists to one household.
    await page.fill('[data-testid=filter-text]', out.household);
    await expect.poll(() => page.locator('[data-testid=everyone-table] tbody tr').count()).toBe(out.members.length);
    await page.fill('[data-testid=filter-text]', '');

    expect(await page.locator('.page-stamp').textContent()).toContain('coordinator');
    await shot('reconciliation-en');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.click('[data-testid=language-switch]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('.page-stamp').textContent()).toContain('طبعها');
    expect(await top.textContent()).toContain('مفقود');
    await shot('reconciliation-ar');
    const pdfAr = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdfAr.subarray(0, 5).toString()).toBe('%PDF-');
    await page.click('[data-testid=language-switch]');
    expect(consoleErrors).toEqual([]);
  });

  it("a government liaison sees its own country's counts and its shared households, no names", async () => {
    const { page, consoleErrors } = await signedIn('#/reconciliation', 'liaison');
    await page.waitForSelector('[data-testid=figures-table] tbody tr', { timeout: 60_000 });
    expect(await page.locator('.topbar nav a').count()).toBe(2);
    expect(await page.locator('[data-testid=figures-table] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=figures-table] tbody th').textContent()).toBe('Germany');
    expect(await page.locator('[data-testid=shared-cases] tbody tr').count()).toBe(10);
    expect(await page.locator('[data-testid=unaccounted-table], [data-testid=everyone-table]').count()).toBe(0);
    const text = (await page.locator('[data-testid=reconciliation]').textContent()) ?? '';
    for (const other of ['Canada', 'United Kingdom', 'France']) expect(text).not.toContain(other);
    expect(text).toContain('RESTRICTED');
    await shot('reconciliation-figures');
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    // The app's start-up asks for the scenario and the plan, which a liaison is refused (403): nothing else fails.
    expect(consoleErrors.filter((e) => !e.includes('403 (Forbidden)'))).toEqual([]);
  });
});

// The web app in a real browser (Debian Chromium) against the real server: sign in, map, Arabic, search, a field
// report that re-routes, a printable manifest as PDF — and no request ever leaves for another host.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';
import { REPO } from './support/server.ts';

const SCREENSHOTS = process.env.SAFEPASSAGE_SCREENSHOTS === '1';
const SHOTS_DIR = join(REPO, 'docs/screenshots');

if (!hasChromium)
  console.warn('test/web: /usr/bin/chromium is missing (apt-get install chromium): browser tests skipped');

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  const web = browserSuite({
    setUp: async ({ api }) => {
      await api('/api/plan', 'POST');
      if (SCREENSHOTS) await mkdir(SHOTS_DIR, { recursive: true });
    },
  });
  const { api, signedIn, newPage } = web;

  async function shot(name: string): Promise<void> {
    if (SCREENSHOTS && web.current) await web.current.page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
  }

  it('signs in and renders the map with the routes panel, without console errors', async () => {
    const { page, consoleErrors, requests } = await signedIn();
    await page.waitForSelector('[data-testid=map][data-map-ready=true] canvas', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=routes-panel] [data-testid=route]');
    expect(await page.locator('.map-label-exit').count()).toBeGreaterThan(0);
    expect(requests.some((u) => u.includes('/assets/maplibre-gl-worker.mjs'))).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('safepassage.session') !== null)).toBe(true);
    // Convoys over time: half way through the schedule some convoys are somewhere and some people are out.
    await page.check('[data-testid=convoy-timeline] input[type=checkbox]');
    const slider = page.locator('[data-testid=convoy-timeline] input[type=range]');
    const [min, max] = [Number(await slider.getAttribute('min')), Number(await slider.getAttribute('max'))];
    await slider.fill(String(min + Math.round((max - min) / 2 / 120_000) * 120_000));
    await expect.poll(() => page.locator('[data-testid=convoy-timeline] p.muted').textContent()).toMatch(/\d/);
    await shot('map-en');
    expect(consoleErrors).toEqual([]);
  });

  it('wrong password is refused in the user’s language', async () => {
    const { page } = await newPage();
    await page.goto(web.server.url);
    await page.fill('input[name=username]', 'coordinator');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.problem').textContent()).toContain('Wrong username or password');
  });

  it('switches to Arabic: right to left, Arabic labels, the choice kept', async () => {
    const { page, consoleErrors } = await signedIn();
    await page.waitForSelector('[data-testid=map][data-map-ready=true]', { timeout: 30_000 });
    await page.click('[data-testid=language-switch]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await page.locator('.topbar nav').textContent()).toContain('الخريطة');
    await page.waitForSelector('[data-testid=routes-panel] [data-testid=route]');
    await shot('map-ar');
    for (const screen of ['registry', 'situation', 'plan'] as const) {
      await page.goto(`${web.server.url}/#/${screen}`);
      await page.waitForSelector(`.screen-${screen}`);
      if (screen === 'plan') await page.waitForSelector('[data-testid=schedule]');
      await shot(`${screen}-ar`);
    }
    await page.click('[data-testid=language-switch]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(consoleErrors).toEqual([]);
  });

  it('finds a person by an Arabic name and opens the household with its triage factors', async () => {
    const { page } = await signedIn('#/registry');
    await page.fill('[data-testid=people-search]', 'أحمد عمر خليل');
    await page.press('[data-testid=people-search]', 'Enter');
    const row = page.locator('[data-testid=people-results] tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Ahmed');
    await row.click();
    await page.waitForSelector('[data-testid=household-detail] .factors tbody tr');
    expect(await page.locator('[data-testid=household-detail]').textContent()).toContain('HH-0002');
    await shot('registry-en');
  });

  it('a report that closes a checkpoint changes the routes panel', async () => {
    const plan = (await api('/api/plan')) as {
      routing: {
        assembly_to_exits: {
          assembly_point: string;
          profile: string;
          exits: { routes: { checkpoints: { id: string }[] }[] }[];
        }[];
      };
    };
    // An assembly point and group whose recommended route passes a checkpoint: close that checkpoint.
    const entry = plan.routing.assembly_to_exits.find((a) => a.exits.some((e) => e.routes[0]?.checkpoints.length));
    expect(entry).toBeDefined();
    const checkpoint = entry!.exits.find((e) => e.routes[0]?.checkpoints.length)!.routes[0]!.checkpoints[0]!.id;

    const { page } = await signedIn();
    await page.selectOption('[data-testid=assembly-point]', entry!.assembly_point);
    await page.selectOption('[data-testid=profile]', entry!.profile);
    const passing = page.locator(`[data-testid=routes-panel] .route-list [data-checkpoint="${checkpoint}"]`);
    await expect.poll(() => passing.count()).toBeGreaterThan(0);
    const before = await page.locator('[data-testid=routes-panel]').textContent();

    await page.click('a[href="#/situation"]');
    await page.selectOption('[data-testid=report-form] select[name=checkpoint]', checkpoint);
    await page.selectOption('[data-testid=report-form] select[name=status]', 'closed');
    await page.fill('[data-testid=report-form] input[name=source]', 'field team, browser test');
    await page.selectOption('[data-testid=report-form] select[name=reliability]', 'A');
    await page.selectOption('[data-testid=report-form] select[name=credibility]', '1');
    await page.click('[data-testid=report-form] button[type=submit]');
    await page.waitForSelector('[data-testid=changes]', { timeout: 60_000 });
    // The checkpoint is closed now, as the re-run plan applied the report (the map colours it from the same states).
    const option = page.locator(`[data-testid=report-form] select[name=checkpoint] option[value="${checkpoint}"]`);
    await expect.poll(() => option.textContent()).toContain('(closed)');
    await shot('situation-en');

    await page.click('a[href="#/map"]');
    await page.waitForSelector('[data-testid=routes-panel]');
    // The map screen may draw before the new plan's routes arrive: wait for them rather than read the first frame.
    await expect.poll(() => passing.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=routes-panel]').textContent()).not.toBe(before);
  });

  it('opens a printable manifest and saves it as PDF, in English and Arabic', async () => {
    const { page } = await signedIn('#/plan');
    await page.waitForSelector('[data-testid=schedule]');
    await shot('plan-en');
    await page.click('a[href="#/print"]');
    await page.locator('[data-testid=convoy-manifest]').first().click();
    await page.waitForSelector('[data-testid=convoy-line]');
    await page.waitForSelector('[data-testid=manifest-table] tbody tr', { timeout: 60_000 });
    expect(await page.locator('.watermark').textContent()).toContain('coordinator');
    await shot('manifest-en');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.click('[data-testid=language-switch]');
    expect(await page.locator('.page-stamp').textContent()).toContain('طبعها');
    await shot('manifest-ar');
    const pdfAr = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdfAr.subarray(0, 5).toString()).toBe('%PDF-');
    // The resettlement list of a receiving country, from the plan's allocation.
    await page.click('.print-controls a');
    await page.locator('[data-testid=country-lists] a').first().click();
    await page.waitForSelector('[data-testid=country-table] tbody tr', { timeout: 60_000 });
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a government liaison sees only the cases shared with their government', async () => {
    const { page } = await signedIn('#/map', 'liaison');
    await page.waitForSelector('[data-testid=cases-list] tbody tr');
    // The cases shared with it, and the counts-only figures of its pledge (test/web/reconciliation.test.ts).
    expect(await page.locator('.topbar nav a').count()).toBe(2);
    expect(await page.locator('[data-testid=cases-list] tbody tr').count()).toBe(10);
    await page.locator('[data-testid=cases-list] tbody tr').first().click();
    await page.waitForSelector('[data-testid=household-detail] li');
  });

  // Last: a successful import writes a new version of the scenario.
  it('reviews a possible duplicate: the pair side by side with reasons, accept, then undo', async () => {
    const { page } = await signedIn('#/registry');
    // Selectors, not labels: the language chosen in an earlier test may still be in force.
    const pair = page.locator('[data-testid=dedupe-review] .dedupe-pair').first();
    const accept = pair.locator('.pair-actions button.primary');
    await accept.waitFor();
    expect(await pair.locator('ul li').count()).toBeGreaterThan(0);
    const pairId = await pair.getAttribute('data-pair');
    await accept.click();
    await expect.poll(() => pair.locator('.pair-actions button.primary').count()).toBe(0);
    const stored = await api('/api/dedupe', 'GET');
    expect(
      (stored as { review: { pair_id: string; decision: string | null }[] }).review.find((r) => r.pair_id === pairId)
        ?.decision,
    ).toBe('accept');
    await pair.locator('.pair-actions button').click();
    await expect.poll(() => pair.locator('.pair-actions button.primary').count()).toBe(1);
  });

  it('the administrator changes the one-time password, then reads the audit log and verifies its chain', async () => {
    const { page } = await newPage();
    await page.goto(`${web.server.url}/#/audit`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', web.server.passwords.admin!);
    await page.click('button[type=submit]');
    await page.fill('input[autocomplete=new-password]', 'a new passphrase for the admin');
    await page.click('button[type=submit]');
    await page.goto(`${web.server.url}/#/audit`);
    await page.waitForSelector('[data-testid=audit-entries] tbody tr');
    expect(await page.locator('[data-testid=audit-entries] tbody tr').count()).toBeGreaterThan(5);
    await page.click('[data-testid=audit-verify]');
    await page.waitForSelector('[data-testid=audit-verdict].ok');
  });

  it('a field officer checks households in; offline, the check-in waits and "Send now" delivers it once', async () => {
    const { page } = await signedIn('#/checkin', 'field');
    // The language chosen by an earlier test is kept: read Arabic-Indic digits too.
    const digits = (text: string | null) =>
      Number((text ?? '').replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\D/g, ''));
    const atAssembly = async () => digits(await page.locator('[data-testid=count-at_assembly_point]').textContent());
    const checkIn = async (household: string) => {
      await page.fill('[data-testid=checkin-search]', household);
      await page.press('[data-testid=checkin-search]', 'Enter');
      await page.waitForSelector('[data-testid=checkin-household] li');
      await page.click('[data-testid=checkin-button]');
    };
    await page.waitForSelector('[data-testid=count-at_assembly_point]');
    const before = await atAssembly();
    expect(Number.isInteger(before)).toBe(true);
    await checkIn('HH-0001');
    await expect.poll(atAssembly).toBe(before + 3);
    await page.waitForSelector('[data-testid=checkin-all-sent]');

    // The server is unreachable for one request: the five events of HH-0003 stay on the device.
    await page.route('**/api/status/events', (route) => route.abort(), { times: 1 });
    await checkIn('HH-0003');
    await page.waitForSelector('[data-testid=checkin-waiting]');
    expect(digits(await page.locator('[data-testid=checkin-waiting]').textContent())).toBe(5);
    expect(await atAssembly()).toBe(before + 3);
    await page.click('[data-testid=checkin-send]');
    await page.waitForSelector('[data-testid=checkin-all-sent]');
    await expect.poll(atAssembly).toBe(before + 8);
    // Sending again changes nothing: the server counts every event once.
    await page.click('[data-testid=checkin-send]');
    const live = (await api('/api/status')) as { by_status: Record<string, number> };
    expect(live.by_status.at_assembly_point).toBe(before + 8);
  });

  it('the live picture: a household checked in through the API shows up in its convoy after a refresh', async () => {
    const digits = (text: string | null) =>
      Number((text ?? '').replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\D/g, ''));
    type LiveConvoy = { boards_at?: string; households?: { household_id: string }[] };
    const plan = (await api('/api/plan')) as { schedule: { convoys: LiveConvoy[] } };
    const status = (await api('/api/status')) as {
      people: { person_id: string; household_id: string; status: string }[];
    };
    const membersOf = (household: string) => status.people.filter((p) => p.household_id === household);
    const convoysOf = (household: string) =>
      plan.schedule.convoys.filter((c) => c.households?.some((h) => h.household_id === household));
    // A household on exactly one convoy whose members nobody has checked in yet.
    const household = plan.schedule.convoys
      .flatMap((c) => c.households ?? [])
      .map((h) => h.household_id)
      .find(
        (id) =>
          convoysOf(id).length === 1 &&
          membersOf(id).length > 0 &&
          membersOf(id).every((p) => p.status === 'not_contacted'),
      );
    expect(household).toBeDefined();
    const convoyRow = `[data-testid=live-convoy][data-households~="${household}"]`;

    const { page } = await signedIn('#/live');
    await page.waitForSelector('[data-testid=live-convoys] [data-testid=live-convoy]');
    expect(digits(await page.locator('[data-testid=live-planned]').first().textContent())).toBeGreaterThan(0);
    expect(digits(await page.locator(`${convoyRow} [data-testid=live-at-assembly-point]`).textContent())).toBe(0);

    const login = await fetch(`${web.server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: web.server.passwords.coordinator }),
    });
    const { token } = (await login.json()) as { token: string };
    const at = convoysOf(household!)[0]!.boards_at ?? new Date().toISOString();
    const posted = await fetch(`${web.server.url}/api/status/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        device: 'test',
        events: membersOf(household!).map((p) => ({
          id: `live-${p.person_id}`,
          person_id: p.person_id,
          status: 'at_assembly_point',
          at,
        })),
      }),
    });
    expect(posted.ok).toBe(true);
    await page.click('[data-testid=live-refresh]');
    await expect
      .poll(async () => digits(await page.locator(`${convoyRow} [data-testid=live-at-assembly-point]`).textContent()))
      .toBe(membersOf(household!).length);
  });

  it('imports a people list: one bad row rejects the file and is shown as file:row:column', async () => {
    const header =
      'person_id,household_id,relationship,given_name,father_name,family_name,name_arabic,sex,birth_date,birth_date_estimated,role,phone,location,medical_needs,flags,notes,source_list,nationality,doc_type,doc_number';
    const row = (id: string, hh: string, rel: string, place = 'Nawa') =>
      `${id},${hh},${rel},Khaled,Yusuf,Al-Masri,خالد يوسف المصري,M,1980-01-01,no,family,,${place},,,,team-web,SYR,none,`;
    const upload = async (rows: string[]) => {
      await page.setInputFiles('[data-testid=import-panel] input[type=file]', {
        name: 'team-web.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...rows].join('\n')),
      });
      await page.click('[data-testid=import-panel] button[type=submit]');
    };
    const { page } = await signedIn('#/registry');
    await upload([row('W-1', 'HW-1', 'head'), row('W-2', 'HW-1', 'spouse', 'Atlantis')]);
    await page.waitForSelector('[data-testid=import-problem] .issues li');
    expect(await page.locator('[data-testid=import-problem] .issues code').first().textContent()).toBe(
      'team-web.csv:3:location',
    );
    await shot('import-en');
    await upload([row('W-1', 'HW-1', 'head'), row('W-2', 'HW-1', 'spouse')]);
    await expect.poll(() => page.locator('[data-testid=import-report]').textContent()).toContain('2');
  });
});

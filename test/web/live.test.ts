// The live picture: one count per person, late convoys stated at the top, and "Re-plan from now" in a real browser.
import { describe, expect, it } from 'vitest';
import type { Convoy, Schedule } from '../../web/src/api/types.ts';
import { type LiveStatus, livePicture, progressByConvoy } from '../../web/src/screens/live/live-picture.ts';
import { hasChromium } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';
import { screenshot } from './support/screenshot.ts';

const convoy = (trip: number, boards: string, out: string, households: [string, number][]): Convoy => ({
  vehicle: 'bus',
  vehicle_index: 0,
  trip,
  assembly_point: 'ap',
  boards_at: `2018-07-21T${boards}+03:00`,
  leaves_at: `2018-07-21T${boards}+03:00`,
  out_by: `2018-07-21T${out}+03:00`,
  exit: 'line',
  persons: households.reduce((n, [, p]) => n + p, 0),
  households: households.map(([household_id, persons]) => ({ household_id, persons })),
});
const people = (household: string, statuses: string[]): LiveStatus['people'] =>
  statuses.map((status, i) => ({ person_id: `${household}-${i}`, household_id: household, status, at: null }));

describe('live picture', () => {
  // Household h is split: 3 of its 5 on trip 1, 2 on trip 2 (a re-plan left part of it for the next trip).
  const schedule: Schedule = {
    convoys: [
      convoy(1, '20:00', '21:00', [['h', 3]]),
      convoy(2, '22:00', '23:00', [
        ['h', 2],
        ['g', 2],
      ]),
    ],
    windows: [{ exit: 'line', closes_at: '2018-07-21T23:30+03:00' }],
  };

  it('counts a household split across two convoys once, in the share each picks up', () => {
    const status: LiveStatus = {
      by_status: {},
      people: [...people('h', ['crossed', 'crossed', 'crossed', 'at_assembly_point', 'at_assembly_point'])],
    };
    const picture = livePicture(schedule, status, '2018-07-21T21:30+03:00', new Map());
    expect(picture.convoys.map((c) => [c.actual.crossed, c.actual.atAssemblyPoint, c.actual.checkedIn])).toEqual([
      [3, 0, 3],
      [0, 2, 2],
    ]);
    expect(picture.convoys[0]!.state).toBe('done');
    // Across both convoys, never more people than the household has.
    const shares = progressByConvoy(
      schedule.convoys!,
      new Map([['h', { atAssemblyPoint: 2, boarded: 0, crossed: 3, checkedIn: 5 }]]),
    );
    expect(shares.flat().reduce((n, s) => n + s.checkedIn, 0)).toBe(5);
  });

  it('alerts on a late convoy, and says when at the planned pace it misses its exit window', () => {
    const status: LiveStatus = { by_status: {}, people: [...people('h', ['crossed', 'crossed', 'crossed'])] };
    // 22:10: trip 2 should be boarding since 22:00 and nobody is there; its trip takes an hour, the line closes 23:30.
    const early = livePicture(schedule, status, '2018-07-21T22:10+03:00', new Map());
    expect(early.alerts.map((a) => [a.convoy.trip, a.behind, a.missing, a.missesWindow])).toEqual([
      [2, 'boarding', 4, false],
    ]);
    const late = livePicture(schedule, status, '2018-07-21T22:45+03:00', new Map());
    expect(late.alerts.map((a) => [a.convoy.trip, a.missesWindow, a.windowClosesAt])).toEqual([
      [2, true, '2018-07-21T23:30+03:00'],
    ]);
  });
});

if (!hasChromium)
  console.warn('test/web: /usr/bin/chromium is missing (apt-get install chromium): browser tests skipped');

describe.skipIf(!hasChromium)('live picture in Chromium', () => {
  const web = browserSuite({ setUp: ({ api }) => api('/api/plan', 'POST') });
  const { api } = web;

  it('records check-ins through the API, states the late convoys at the top, re-plans from now and shows the result', async () => {
    type PlanConvoy = Required<
      Pick<Convoy, 'vehicle' | 'vehicle_index' | 'boards_at' | 'leaves_at' | 'out_by' | 'households'>
    > &
      Convoy;
    const plan = (await api('/api/plan')) as { schedule: { convoys: PlanConvoy[] } };
    const status = (await api('/api/status')) as { people: { person_id: string; household_id: string }[] };
    const byBoarding = [...plan.schedule.convoys].sort((a, b) => Date.parse(a.boards_at) - Date.parse(b.boards_at));
    const first = byBoarding[0]!;
    const onFirst = new Set(first.households.map((h) => h.household_id));
    // The next convoy to board: nobody of it will come.
    const second = byBoarding.find(
      (c) =>
        Date.parse(c.boards_at) > Date.parse(first.leaves_at) && !c.households.some((h) => onFirst.has(h.household_id)),
    )!;
    const members = status.people.filter((p) => onFirst.has(p.household_id));
    // Everyone of the first convoy checks in and boards it.
    const vehicle = `${first.vehicle}.${first.vehicle_index}#${first.trip}`;
    const sent = (await api('/api/status/events', 'POST', {
      device: 'live-test',
      events: members.flatMap((p) => [
        { id: `live-ap-${p.person_id}`, person_id: p.person_id, status: 'at_assembly_point', at: first.boards_at },
        { id: `live-on-${p.person_id}`, person_id: p.person_id, status: 'boarded', at: first.leaves_at, vehicle },
      ]),
    })) as { accepted: string[] };
    expect(sent.accepted).toHaveLength(members.length * 2);

    const current = await web.newPage();
    const { page } = current;
    await page.goto(`${web.server.url}/#/live`);
    await page.fill('input[name=username]', 'coordinator');
    await page.fill('input[name=password]', web.server.passwords.coordinator!);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=live-convoys] [data-testid=live-convoy]');
    await page.waitForSelector('[data-testid=live-no-alerts]');

    // Ten minutes after the second convoy should have left (the demo's times are at +03:00, the scenario's offset).
    const clockMs = Date.parse(second.leaves_at) + 10 * 60_000;
    const local = new Date(clockMs + 3 * 3_600_000).toISOString().slice(0, 16);
    await page.fill('[data-testid=live-clock]', local);
    // Every convoy due to board by then (but the first, on board) or due across by then is stated at the top.
    const late = plan.schedule.convoys.filter(
      (c) => (c !== first && Date.parse(c.boards_at) < clockMs) || Date.parse(c.out_by) < clockMs,
    );
    await page.waitForSelector('[data-testid=live-alerts] [data-testid=live-alert]');
    expect(await page.locator('[data-testid=live-alert]').count()).toBe(late.length);

    await page.click('[data-testid=live-replan]');
    await page.waitForSelector('[data-testid=live-replan-result]');
    await screenshot(page, 'live');
    const derived = (await api('/api/plan')) as {
      status_replan: { at: string; boarded_households: number; changed_households: { household_id: string }[] };
      schedule: { convoys: PlanConvoy[] };
    };
    expect(Date.parse(derived.status_replan.at)).toBe(clockMs);
    expect(derived.status_replan.boarded_households).toBe(onFirst.size);
    // The boarded households keep their bus and trip.
    const firstNow = derived.schedule.convoys.filter((c) => c.households.some((h) => onFirst.has(h.household_id)));
    expect(firstNow.map((c) => [c.vehicle, c.vehicle_index, c.trip])).toEqual([
      [first.vehicle, first.vehicle_index, first.trip],
    ]);
    // The screen lists exactly the households the re-plan says to tell again: the second convoy's among them.
    const listed = await page
      .locator('[data-testid=live-replan-household]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-household')));
    expect(listed).toEqual(derived.status_replan.changed_households.map((h) => h.household_id));
    for (const h of second.households) expect(listed).toContain(h.household_id);
    for (const h of onFirst) expect(listed).not.toContain(h);
    expect(current.consoleErrors).toEqual([]);
  });
});

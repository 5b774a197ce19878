// The live screen's "held for review" list in a real browser: a late contradicting check-in is listed, accepted by a coordinator, and the count follows.
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser.ts';
import { browserSuite } from './support/browser-suite.ts';

describe.skipIf(!hasChromium)('held late check-ins on the live screen in Chromium', () => {
  const web = browserSuite({ setUp: ({ api }) => api('/api/plan', 'POST') });
  const { api } = web;

  it('lists a late detention that contradicts a recorded crossing, with what it contradicts; Accept applies it', async () => {
    const status = (await api('/api/status')) as { people: { person_id: string; household_id: string }[] };
    const person = status.people[0]!;
    const p = person.person_id;
    const trip = (await api('/api/status/events', 'POST', {
      device: 'phone-a',
      events: [
        { id: `held-ap-${p}`, person_id: p, status: 'at_assembly_point', at: '2018-07-21T21:00+03:00' },
        { id: `held-bd-${p}`, person_id: p, status: 'boarded', vehicle: 'bus-1#1', at: '2018-07-21T21:30+03:00' },
        { id: `held-x-${p}`, person_id: p, status: 'crossed', exit: 'x1', at: '2018-07-21T22:00+03:00' },
      ],
    })) as { accepted: string[] };
    expect(trip.accepted).toHaveLength(3);
    const late = (await api('/api/status/events', 'POST', {
      device: 'phone-b',
      events: [
        {
          id: `held-late-${p}`,
          person_id: p,
          status: 'detained',
          at: '2018-07-21T21:45+03:00',
          note: 'taken off the bus at checkpoint 3',
        },
      ],
    })) as { refused: { id: string; error: { kind: string } }[] };
    expect(late.refused.map((r) => r.error.kind)).toEqual(['contradicts-recorded']);

    const { page, consoleErrors } = await web.signedIn('#/live');
    const item = page.locator('[data-testid=live-held-item]');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    const text = await item.first().textContent();
    expect(text).toContain(person.household_id);
    expect(text).toContain('Detained');
    expect(text).toContain('taken off the bus at checkpoint 3');
    expect(await page.locator('[data-testid=live-held-displaced]').textContent()).toContain('Crossed');

    await page.click('[data-testid=live-held-accept]');
    await page.waitForSelector('[data-testid=live-held-none]');
    // Settled ones stay listed (folded away), with who decided.
    const settled = page.locator('[data-testid=live-held-settled] [data-resolution=accepted]');
    await settled.waitFor({ state: 'attached' });
    expect(await settled.textContent()).toContain('coordinator');
    const after = (await api('/api/status')) as { people: { person_id: string; status: string }[] };
    expect(after.people.find((x) => x.person_id === p)?.status).toBe('detained');
    expect(consoleErrors).toEqual([]);
  });
});

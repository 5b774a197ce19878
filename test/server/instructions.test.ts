// Instructions over the API: who may issue, export, record and verify; the verify-code contract the check-in screen
// relies on; and need-to-know: no exported message holds another household's data.
import { describe, expect, it } from 'vitest';
import { codeText, type PickupCode } from '../../src/core/operation/index.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { type AccessContext, exportInstructions, type StaffRole, savePlanRun } from '../../src/store/index.ts';
import { busTrip } from '../store/convoy-fixture.ts';
import { DIALECTS } from '../store/harness.ts';
import { call, problemOf, type ServerFixture, TINY } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

const CONVOYS = [
  busTrip(0, '2018-07-21T21:00+03:00', '2018-07-21T21:20+03:00', ['h1', 'h2']),
  busTrip(1, '2018-07-21T22:00+03:00', '2018-07-21T22:20+03:00', ['h3']),
];

describe.each(DIALECTS)('instructions API on $name', (dialect) => {
  let fx: ServerFixture;
  const codes = new Map<string, PickupCode>();
  // The server's clock: the evening of the operation (sessions last 8 hours; codes are checked against this clock).
  let clock = new Date('2018-07-21T15:00:00Z');
  const setClock = (iso: string) => {
    clock = new Date(iso);
  };

  async function as(role: StaffRole, method: string, path: string, json?: unknown) {
    return call(fx.app, method, path, { token: await fx.token(role), ...(json === undefined ? {} : { json }) });
  }
  const verify = (json: unknown) => as('field_officer', 'POST', '/api/instructions/verify-code', json);

  /** The coordinator's access for set-up done on the store directly, at `now` (ISO). */
  const coordinator = (purpose: string, now: string): AccessContext => ({
    actor: { userId: fx.userIds.coordinator, organisationId: 'home', role: 'coordinator' },
    clientAddress: 'test',
    purpose,
    now: new Date(now),
  });

  useServerFixture(
    dialect,
    async (made) => {
      fx = made;
      const saved = await savePlanRun(fx.store, coordinator('test set-up', '2018-07-21T09:00:00Z'), {
        scenarioId: fx.scenarioId,
        kind: 'routing',
        parameters: {},
        result: { schedule: { convoys: CONVOYS } },
      });
      if (!saved.ok) throw new Error(saved.error.kind);
    },
    { now: () => clock },
  );

  it('refuses a government liaison every instruction endpoint, and a field officer the issue and the exports', async () => {
    const endpoints: [string, string, unknown?][] = [
      ['POST', '/api/instructions/issue', {}],
      ['GET', '/api/instructions'],
      ['GET', '/api/instructions/export?channel=signal'],
      ['POST', '/api/instructions/delivery', { household_id: 'h1', state: 'sent', at: '2018-07-21T18:00+03:00' }],
      ['POST', '/api/instructions/verify-code', { code: 'olive 47' }],
    ];
    for (const [method, path, json] of endpoints) {
      const res = await as('government_liaison', method, path, json);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await problemOf(res)).code).toBe('forbidden');
    }
    for (const [method, path, json] of endpoints.slice(0, 3).filter(([, p]) => p !== '/api/instructions')) {
      expect((await as('field_officer', method, path, json)).status, `${method} ${path}`).toBe(403);
    }
  });

  it('issues from the current plan, then on a second issue changes nothing', async () => {
    const res = await as('coordinator', 'POST', '/api/instructions/issue', { languages: ['ar', 'en'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ added: ['h1', 'h2', 'h3'], to_send: 3, unscheduled: [] });
    const again = await as('coordinator', 'POST', '/api/instructions/issue');
    expect(await again.json()).toMatchObject({ added: [], changed: [], withdrawn: [], unchanged: 3, to_send: 0 });
    const ctx = {
      actor: { userId: fx.userIds.coordinator, organisationId: 'home', role: 'coordinator' as const },
      clientAddress: 'test',
      purpose: 'test',
      now: new Date(),
    };
    const out = await exportInstructions(fx.store, ctx, fx.scenarioId, { channel: 'test', onlyUntold: false });
    if (!out.ok) throw new Error(out.error.kind);
    for (const i of out.value.instructions) codes.set(i.household_id, i.code);
  });

  it('lists every household with its state; a field officer records a delivery and the not-told list shrinks', async () => {
    const list = async () =>
      (await (await as('field_officer', 'GET', '/api/instructions')).json()) as {
        households: { household_id: string; state: string; assembly_point: string; parts: number; persons: number }[];
        totals: Record<string, number>;
        not_yet_told: string[];
      };
    const before = await list();
    expect(before.not_yet_told).toEqual(['h1', 'h2', 'h3']);
    expect(before.households[0]).toMatchObject({ household_id: 'h1', state: 'issued', assembly_point: 'ap-nawa' });
    expect(before.households[0]!.parts).toBeGreaterThan(0);
    const res = await as('field_officer', 'POST', '/api/instructions/delivery', {
      deliveries: [
        { household_id: 'h1', state: 'sent', channel: 'sms', at: '2018-07-21T18:00+03:00' },
        { household_id: 'h2', state: 'refused', channel: 'voice', at: '2018-07-21T18:05+03:00' },
      ],
    });
    expect(await res.json()).toEqual({ recorded: ['h1', 'h2'], refused: [] });
    const after = await list();
    expect(after.not_yet_told).toEqual(['h3']);
    expect(after.totals).toMatchObject({ issued: 1, sent: 1, refused: 1 });
    const bad = await as('field_officer', 'POST', '/api/instructions/delivery', { household_id: 'h1', state: 'read' });
    expect((await problemOf(bad)).code).toBe('invalid-request');
  });

  it('verify-code: valid, outside its window, used, unknown — with the exact contract', async () => {
    const h3 = codes.get('h3')!;
    setClock('2018-07-21T21:50+03:00');
    const ok = await verify({ code: codeText(h3, 'en').toUpperCase(), at: '2018-07-21T21:50+03:00' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'assembly_point',
      'household_id',
      'person_ids',
      'valid_from',
      'valid_to',
    ]);
    expect(body).toMatchObject({
      household_id: 'h3',
      assembly_point: 'ap-nawa',
      valid_from: '2018-07-21T21:45+03:00',
      valid_to: '2018-07-21T23:20+03:00',
    });
    expect((body.person_ids as string[]).sort()).toEqual(['p6', 'p7']);

    setClock('2018-07-21T20:00+03:00');
    const early = await verify({ code: codeText(h3, 'ar'), at: '2018-07-21T20:00+03:00' });
    expect(early.status).toBe(422);
    expect((await problemOf(early)).code).toBe('code-outside-window');

    setClock('2018-07-21T21:55+03:00');
    const arabicDigits = codeText(h3, 'ar').replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const used = await verify({ code: arabicDigits, at: '2018-07-21T21:55+03:00', consume: true });
    expect(used.status).toBe(200);
    setClock('2018-07-21T21:56+03:00');
    const twice = await verify({ code: codeText(h3, 'en'), consume: true });
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).code).toBe('code-used');

    const unknown = await verify({ code: 'nothing 10', at: '2018-07-21T21:50+03:00' });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).code).toBe('code-unknown');
    // No `at`: the server's clock, here before h1's window (it opens at 20:45).
    setClock('2018-07-21T20:00+03:00');
    const noTime = await verify({ code: codeText(codes.get('h1')!, 'en') });
    expect((await problemOf(noTime)).code).toBe('code-outside-window');
  });

  it('verify-code checks against the server clock: an `at` more than 15 minutes from it is refused', async () => {
    const h1 = codeText(codes.get('h1')!, 'en');
    // After h1's window has closed (22:20), a device claims a moment inside it: refused, nothing used.
    setClock('2018-07-21T23:30+03:00');
    const claimed = await verify({ code: h1, at: '2018-07-21T21:00+03:00', consume: true });
    expect(claimed.status).toBe(400);
    const problem = await problemOf(claimed);
    expect(problem).toMatchObject({ code: 'invalid-request', issues: [{ path: 'body.at' }] });
    expect((await verify({ code: h1 })).status).toBe(422);
    // A phone that queued the check ten minutes without signal is believed, within the window it was shown in.
    setClock('2018-07-21T21:10+03:00');
    const queued = await verify({ code: h1, at: '2018-07-21T21:00+03:00', consume: true });
    expect(queued.status).toBe(200);
    // Both times are kept: the device's (used_at) and the server's receipt (received_at).
    const use = await fx.store.db
      .selectFrom('pickup_code_uses')
      .select(['used_at', 'received_at'])
      .where('household_id', '=', 'h1')
      .executeTakeFirstOrThrow();
    expect(use.used_at).toBe('2018-07-21T21:00+03:00');
    expect(new Date(use.received_at).getTime()).toBe(clock.getTime());
    // A device clock far ahead cannot stamp a use either.
    const ahead = await verify({ code: codeText(codes.get('h2')!, 'en'), at: '2018-07-21T22:00+03:00' });
    expect((await problemOf(ahead)).code).toBe('invalid-request');
  });

  it('need-to-know: no exported message holds another household’s ids, names, phones or code', async () => {
    const scenario = (await loadScenario(TINY)).scenario!;
    const dataOf = (householdId: string): string[] => {
      const people = scenario.people.filter((p) => p.household_id === householdId);
      const code = codes.get(householdId)!;
      return [
        householdId,
        ...people.flatMap((p) => [p.person_id, p.given_name, p.family_name, p.name_arabic, p.phone, p.phone_e164]),
        codeText(code, 'en'),
        codeText(code, 'ar'),
      ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    };
    const households = ['h1', 'h2', 'h3'];
    const messages = new Map<string, string[]>(households.map((h) => [h, []]));

    const text = async (channel: string) => {
      const res = await as('coordinator', 'GET', `/api/instructions/export?channel=${channel}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    for (const line of (await text('sms')).trim().split(/\r?\n/).slice(1)) {
      const household = line.slice(0, line.indexOf(','));
      messages.get(household)!.push(line.slice(line.indexOf(',') + 1));
    }
    for (const block of (await text('signal')).trim().split('\n\n\n')) {
      const [header, ...body] = block.split('\n\n');
      const household = households.find((h) => header!.startsWith(`### ${h} `))!;
      messages.get(household)!.push(body.join('\n'));
    }
    for (const section of (await text('slips')).split('<section class="slip">').slice(1)) {
      const household = households.find((h) => section.includes(`<div class="stub">${h} `))!;
      messages.get(household)!.push(section.slice(section.indexOf('<div class="body">')));
    }
    for (const [household, texts] of messages) {
      expect(texts.length, household).toBeGreaterThanOrEqual(2);
      expect(texts.join(' '), household).toContain(codeText(codes.get(household)!, 'en'));
      for (const other of households.filter((h) => h !== household))
        for (const value of dataOf(other))
          for (const t of texts) expect(t, `${household} ∌ ${value}`).not.toContain(value);
      // Nor the destination or the exit (a seized phone must not reveal the route).
      for (const t of texts) expect(t).not.toMatch(/Israel|ISR|Quneitra line crossing|golan-line/);
    }
    const json = await as('coordinator', 'GET', '/api/instructions/export?channel=slips&format=json');
    expect(((await json.json()) as { slips: unknown[] }).slips).toHaveLength(3);
  });

  it('a re-plan drops a told household: its "do not come" notice goes to its phone, until its delivery is recorded', async () => {
    // h1 was sent its instruction, h3 never was; the new plan carries only h2 (who refused, and keeps its message).
    const ctx = coordinator('test re-plan', '2018-07-21T10:00:00Z');
    const saved = await savePlanRun(fx.store, ctx, {
      scenarioId: fx.scenarioId,
      kind: 'routing',
      parameters: {},
      result: { schedule: { convoys: [busTrip(0, '2018-07-21T21:00+03:00', '2018-07-21T21:20+03:00', ['h2'])] } },
    });
    if (!saved.ok) throw new Error(saved.error.kind);
    const before = await exportInstructions(fx.store, ctx, fx.scenarioId, { channel: 'test', onlyUntold: false });
    if (!before.ok) throw new Error(before.error.kind);
    const phoneOf = new Map(before.value.instructions.map((i) => [i.household_id, i.phone_e164]));

    const issued = await as('coordinator', 'POST', '/api/instructions/issue');
    expect(await issued.json()).toMatchObject({ withdrawn: ['h1', 'h3'], notices: ['h1'], to_send: 1 });
    const csv = await (await as('coordinator', 'GET', '/api/instructions/export?channel=sms&only=untold')).text();
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(1);
    expect(phoneOf.get('h1')).toMatch(/^\+\d+$/);
    expect(rows[0]!.startsWith(`h1,${phoneOf.get('h1')},`)).toBe(true);
    expect(rows[0]).toContain('21/07');
    // Need-to-know: the notice names no place, time, exit or code.
    expect(rows[0]).not.toMatch(/Nawa|نوى|ap-nawa|golan|\d{2}:\d{2}/i);
    expect(rows[0]).not.toContain(codeText(codes.get('h1')!, 'en'));
    const signal = await (await as('coordinator', 'GET', '/api/instructions/export?channel=signal&only=untold')).text();
    expect(signal).toContain(`### h1 · ${phoneOf.get('h1')}`);
    expect(signal).toContain('Do not go to the meeting point.');
    const slips = await as('coordinator', 'GET', '/api/instructions/export?channel=slips&format=json&only=untold');
    expect(await slips.json()).toMatchObject({ slips: [{ household_id: 'h1', withdrawal: true }], withdrawn: [] });

    const listed = async () =>
      (await (await as('field_officer', 'GET', '/api/instructions')).json()) as {
        households: { household_id: string; state: string; withdrawn: boolean }[];
        not_yet_told: string[];
      };
    expect((await listed()).not_yet_told).toEqual(['h1']);
    const recorded = await as('field_officer', 'POST', '/api/instructions/delivery', {
      household_id: 'h1',
      state: 'sent',
      channel: 'sms',
      at: '2018-07-21T19:30+03:00',
    });
    expect(await recorded.json()).toEqual({ recorded: ['h1'], refused: [] });
    const after = await listed();
    expect(after.not_yet_told).toEqual([]);
    expect(after.households.find((h) => h.household_id === 'h1')).toMatchObject({ state: 'sent', withdrawn: true });
    expect(after.households.find((h) => h.household_id === 'h3')).toMatchObject({
      state: 'not_issued',
      withdrawn: true,
    });
  });
});

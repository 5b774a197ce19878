// Instructions in the store: no code in clear in any row, the delivery log append-only, a re-issue reaches only the
// households whose instruction changed, and a pickup code checked against its hash only (single use, in its window).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvoyAssignment, codeText, type HouseholdInstruction } from '../../src/core/operation/index.ts';
import { smsCsv } from '../../src/io/instructions/instruction-exports.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import type { AccessContext } from '../../src/store/index.ts';
import {
  exportInstructions,
  instructionsOverview,
  issueInstructions,
  recordDeliveries,
  verifyPickupCode,
} from '../../src/store/index.ts';
import { savePlanRun } from '../../src/store/plan-runs.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import { STORE_TABLES } from '../../src/store/schema.ts';
import type { Store } from '../../src/store/store.ts';
import { busTrip } from './convoy-fixture.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

/** Two convoys from the tiny scenario's assembly point: h1 and h2 on the first bus, h3 on the second. */
function convoys(change: { h1BoardsAt?: string; h2Vehicle?: number; withoutH2?: boolean; withoutH3?: boolean } = {}) {
  const list = [busTrip(0, '2018-07-21T21:00+03:00', '2018-07-21T21:20+03:00', ['h1'])];
  if (!change.withoutH2)
    list.push(busTrip(change.h2Vehicle ?? 0, '2018-07-21T21:00+03:00', '2018-07-21T21:20+03:00', ['h2']));
  if (change.h1BoardsAt) list[0] = { ...list[0]!, boards_at: change.h1BoardsAt, leaves_at: '2018-07-21T23:20+03:00' };
  if (!change.withoutH3) list.push(busTrip(1, '2018-07-21T22:00+03:00', '2018-07-21T22:20+03:00', ['h3']));
  return list;
}

describe.each(DIALECTS)('instructions in the store on $name', (dialect) => {
  let store: Store;
  let scenarioId: string;
  const ctx = contextOf('org-a', 'coordinator');
  const officer = contextOf('org-a', 'field_officer');

  /** Saves `list` as a routing run of `id` by `by`; returns the run's id. */
  async function saveRoutingRun(by: AccessContext, id: string, list: ConvoyAssignment[]): Promise<string> {
    const saved = await savePlanRun(store, by, {
      scenarioId: id,
      kind: 'routing',
      parameters: {},
      result: { schedule: { convoys: list } },
    });
    if (!saved.ok) throw new Error(saved.error.kind);
    return saved.value.planRunId;
  }

  /** Stamps a run `minutes` from now: the newest run is the one in force, whatever the clock did between saves. */
  async function stampRun(runId: string, minutes: number): Promise<void> {
    await store.db
      .updateTable('plan_runs')
      .set({ created_at: new Date(Date.now() + minutes * 60_000) })
      .where('id', '=', runId)
      .execute();
  }

  /**
   * The tiny scenario imported by a coordinator of a new organisation `org`, and `planOf` saving a plan of it stamped
   * `minutes` from now.
   */
  async function scenarioOfOwnOrganisation(org: string) {
    const coordinator = contextOf(org, 'coordinator');
    await seedOrganisation(store, org);
    const imported = await importScenario(
      store,
      coordinator,
      (await loadScenario('test/fixtures/scenarios/tiny')).scenario!,
    );
    if (!imported.ok) throw new Error(imported.error.kind);
    const id = imported.value.scenarioId;
    const planOf = async (list: ConvoyAssignment[], minutes: number) =>
      stampRun(await saveRoutingRun(coordinator, id, list), minutes);
    return { id, planOf };
  }

  async function plan(list: ConvoyAssignment[]) {
    const runId = await saveRoutingRun(ctx, scenarioId, list);
    // Runs are ordered by their creation time: each later plan one minute later.
    await stampRun(runId, await countRuns());
  }
  async function countRuns() {
    return (await store.db.selectFrom('plan_runs').select('id').execute()).length;
  }
  async function exported(): Promise<Map<string, HouseholdInstruction>> {
    const out = await exportInstructions(store, ctx, scenarioId, { channel: 'sms', onlyUntold: false });
    if (!out.ok) throw new Error(out.error.kind);
    return new Map(out.value.instructions.map((i) => [i.household_id, i]));
  }
  async function overview() {
    const view = await instructionsOverview(store, officer, scenarioId);
    if (!view.ok) throw new Error(view.error.kind);
    return view.value;
  }
  const stateOf = async (id: string) => (await overview()).households.find((h) => h.household_id === id)?.state;

  beforeAll(async () => {
    ({ store } = await freshStore(dialect));
    await seedOrganisation(store, 'org-a');
    const loaded = await loadScenario('test/fixtures/scenarios/tiny');
    const imported = await importScenario(store, ctx, loaded.scenario!);
    if (!imported.ok) throw new Error(imported.error.kind);
    scenarioId = imported.value.scenarioId;
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('issues one instruction per carried household and keeps no code in clear in any row', async () => {
    expect(await issueInstructions(store, ctx, scenarioId)).toMatchObject({ ok: false, error: { kind: 'no-plan' } });
    await plan(convoys());
    const issued = await issueInstructions(store, ctx, scenarioId);
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    expect(issued.value).toMatchObject({ added: ['h1', 'h2', 'h3'], changed: [], withdrawn: [], unchanged: 0 });

    const codes = [...(await exported()).values()].flatMap((i) => [codeText(i.code, 'en'), codeText(i.code, 'ar')]);
    expect(codes).toHaveLength(6);
    const everyRow: string[] = [];
    for (const table of STORE_TABLES) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
      everyRow.push(...rows.rows.map((r) => JSON.stringify(r)));
    }
    const dump = everyRow.join('\n').toLowerCase();
    for (const code of codes) expect(dump).not.toContain(code.toLowerCase());
    // Nor any message text: the texts are sealed.
    expect(dump).not.toContain('code word');
    expect(dump).not.toContain('كلمة السر');
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('refuses a field officer the issue and the export (the codes are the coordinators’)', async () => {
    expect(await issueInstructions(store, officer, scenarioId)).toMatchObject({ error: { kind: 'forbidden' } });
    expect(await exportInstructions(store, officer, scenarioId, { channel: 'sms', onlyUntold: false })).toMatchObject({
      error: { kind: 'forbidden' },
    });
    const liaison = contextOf('org-a', 'government_liaison');
    expect(await instructionsOverview(store, liaison, scenarioId)).toMatchObject({ error: { kind: 'forbidden' } });
  });

  it('keeps the delivery log append-only and derives the state from the latest record', async () => {
    expect(await stateOf('h1')).toBe('issued');
    await recordDeliveries(store, officer, scenarioId, [
      { householdId: 'h1', state: 'sent', channel: 'sms', at: '2018-07-21T18:00+03:00' },
    ]);
    expect(await stateOf('h1')).toBe('sent');
    const recorded = await recordDeliveries(store, officer, scenarioId, [
      { householdId: 'h1', state: 'acknowledged', channel: 'voice', at: '2018-07-21T18:30+03:00' },
      { householdId: 'nobody', state: 'sent', at: '2018-07-21T18:30+03:00' },
    ]);
    expect(recorded).toMatchObject({ ok: true, value: { recorded: ['h1'], refused: [{ household_id: 'nobody' }] } });
    expect(await stateOf('h1')).toBe('acknowledged');
    const rows = await store.db.selectFrom('instruction_deliveries').select(['state', 'recorded_by']).execute();
    expect(rows.map((r) => r.state).sort()).toEqual(['acknowledged', 'sent']);
    expect(rows.every((r) => r.recorded_by === officer.actor.userId)).toBe(true);
    await expect(sql`update instruction_deliveries set state = 'refused'`.execute(store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from instruction_deliveries`.execute(store.db)).rejects.toThrow(/append-only/);
    expect(await store.db.selectFrom('instruction_deliveries').select('id').execute()).toHaveLength(2);
    expect((await overview()).notYetTold).toEqual(['h2', 'h3']);
  });

  it('re-issues only to the households whose instruction changed; the others keep their code', async () => {
    await recordDeliveries(store, officer, scenarioId, [
      { householdId: 'h2', state: 'sent', channel: 'sms', at: '2018-07-21T18:40+03:00' },
      { householdId: 'h3', state: 'sent', channel: 'signal', at: '2018-07-21T18:40+03:00' },
    ]);
    const before = await exported();
    // h1 boards two hours later; h2 changes bus (it never sees the bus); h3 is no longer carried.
    await plan(convoys({ h1BoardsAt: '2018-07-21T23:00+03:00', h2Vehicle: 1, withoutH3: true }));
    const issued = await issueInstructions(store, ctx, scenarioId);
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    expect(issued.value).toMatchObject({
      added: [],
      changed: [{ household_id: 'h1', fields: ['window'] }],
      quiet: ['h2'],
      withdrawn: ['h3'],
      notices: ['h3'],
    });
    const after = await exported();
    expect(after.get('h2')?.code).toEqual(before.get('h2')?.code);
    expect(after.get('h2')?.texts).toEqual(before.get('h2')?.texts);
    expect(after.get('h2')?.fields.vehicle).toBe('bus.1#1');
    expect(after.get('h1')?.code).not.toEqual(before.get('h1')?.code);
    expect(after.has('h3')).toBe(false);

    const view = await overview();
    const state = Object.fromEntries(view.households.map((h) => [h.household_id, [h.state, h.withdrawn]]));
    expect(state).toEqual({
      h1: ['changed_since_sent', false],
      h2: ['sent', false],
      h3: ['changed_since_sent', true],
    });
    expect(view.notYetTold).toEqual(['h1', 'h3']);
    const untold = await exportInstructions(store, ctx, scenarioId, { channel: 'sms', onlyUntold: true });
    if (!untold.ok) throw new Error(untold.error.kind);
    expect(untold.value.instructions.map((i) => i.household_id)).toEqual(['h1']);
    // h3 was told where to be: it gets a "do not come" notice, to the phone its instruction went to.
    expect(untold.value.notices.map((n) => [n.household_id, n.phone_e164])).toEqual([
      ['h3', before.get('h3')!.phone_e164],
    ]);
    expect(untold.value.messages.map((m) => m.household_id)).toEqual(['h1', 'h3']);
    expect(untold.value.withdrawn).toEqual([]);
    const csv = smsCsv(untold.value.messages);
    expect(csv).toContain(`h3,${before.get('h3')!.phone_e164},ar,`);
    expect(csv).toContain('أُلغيت رحلتك يوم 21/07.');
    // The notice is sealed like a message: no row of any table holds its text.
    for (const table of STORE_TABLES) {
      const rows = JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(store.db)).rows);
      expect(rows, table).not.toContain('meeting point');
      expect(rows, table).not.toContain('نقطة التجمع');
    }
    // Its delivery recorded, h3 leaves "not yet told"; the notice stays in the full export.
    await recordDeliveries(store, officer, scenarioId, [
      { householdId: 'h3', state: 'sent', channel: 'sms', at: '2018-07-21T19:10+03:00' },
    ]);
    expect((await overview()).notYetTold).toEqual(['h1']);
    expect(await stateOf('h3')).toBe('sent');
    const all = await exportInstructions(store, ctx, scenarioId, { channel: 'sms', onlyUntold: false });
    expect(all.ok && all.value.notices.map((n) => n.household_id)).toEqual(['h3']);

    // The old code of h1 is no longer in force; h2's still is.
    const at = '2018-07-21T21:00+03:00';
    const oldH1 = codeText(before.get('h1')!.code, 'en');
    expect(await verifyPickupCode(store, officer, scenarioId, { code: oldH1, at, consume: false })).toMatchObject({
      error: { kind: 'code-unknown' },
    });
    const h2 = codeText(before.get('h2')!.code, 'en');
    expect(await verifyPickupCode(store, officer, scenarioId, { code: h2, at, consume: false })).toMatchObject({
      ok: true,
      value: { household_id: 'h2', assembly_point: 'ap-nawa' },
    });
    // Issuing again on the same plan changes nothing.
    const again = await issueInstructions(store, ctx, scenarioId);
    expect(again).toMatchObject({
      ok: true,
      value: { added: [], changed: [], quiet: [], withdrawn: [], unchanged: 2 },
    });
  });

  it('checks a code in either language and digit script, in its window, once', async () => {
    const h1 = (await exported()).get('h1')!;
    const arabic = codeText(h1.code, 'ar').replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const check = (code: string, at: string, consume = false) =>
      verifyPickupCode(store, officer, scenarioId, { code, at, consume });
    expect(await check(arabic, '2018-07-21T22:50+03:00')).toMatchObject({
      ok: true,
      value: {
        household_id: 'h1',
        person_ids: expect.arrayContaining(['p1', 'p2', 'p3', 'p8']),
        valid_from: '2018-07-21T22:45+03:00',
        valid_to: '2018-07-22T00:20+03:00',
      },
    });
    expect(await check(codeText(h1.code, 'en').toUpperCase(), '2018-07-21T20:00+03:00')).toMatchObject({
      error: { kind: 'code-outside-window' },
    });
    expect(await check(codeText(h1.code, 'en'), '2018-07-21T22:50+03:00', true)).toMatchObject({ ok: true });
    expect(await check(codeText(h1.code, 'en'), '2018-07-21T22:55+03:00', true)).toMatchObject({
      error: { kind: 'code-used', used_at: '2018-07-21T22:50+03:00' },
    });
    expect(await check('not a code 12', '2018-07-21T22:50+03:00')).toMatchObject({ error: { kind: 'code-unknown' } });
    // Two phones accept the same code at the same moment: one succeeds, the other is told it is used.
    const h2 = codeText((await exported()).get('h2')!.code, 'en');
    const both = await Promise.all([
      check(h2, '2018-07-21T21:00+03:00', true),
      check(h2, '2018-07-21T21:00+03:00', true),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { kind: 'code-used' } });
    await expect(sql`delete from pickup_code_uses`.execute(store.db)).rejects.toThrow(/append-only/);
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('leaves a household already at its assembly point alone when a re-plan drops it', async () => {
    await sql`insert into status_events (id, scenario_id, person_id, status, at, recorded_by, device, received_at)
      values ('evt-p4', ${scenarioId}, 'p4', 'at_assembly_point', '2018-07-21T20:55+03:00', 'officer', 'phone-1', now())`.execute(
      store.db,
    );
    await plan(convoys({ h1BoardsAt: '2018-07-21T23:00+03:00', withoutH2: true, withoutH3: true }));
    const issued = await issueInstructions(store, ctx, scenarioId);
    // h1's code was accepted above and h1 was never checked in: it would be refused with it, so it gets a new one.
    const recoded = [{ household_id: 'h1', fields: [], reason: 'code-spent' }];
    expect(issued).toMatchObject({
      ok: true,
      value: { withdrawn: [], underWay: ['h2'], changed: recoded, unchanged: 0 },
    });
    expect((await exported()).has('h2')).toBe(true);
  });

  it('sends "do not come" only to a household told before it was withdrawn, not to one never told', async () => {
    const other = contextOf('org-b', 'coordinator');
    const { id, planOf } = await scenarioOfOwnOrganisation('org-b');
    await planOf(convoys(), 100);
    expect(await issueInstructions(store, other, id)).toMatchObject({ ok: true, value: { added: ['h1', 'h2', 'h3'] } });
    // h2 is told (acknowledged); h3 never is.
    await recordDeliveries(store, other, id, [
      { householdId: 'h2', state: 'acknowledged', channel: 'voice', at: '2018-07-21T18:00+03:00' },
    ]);
    await planOf(convoys({ withoutH2: true, withoutH3: true }), 200);
    expect(await issueInstructions(store, other, id)).toMatchObject({
      ok: true,
      value: { withdrawn: ['h2', 'h3'], notices: ['h2'] },
    });

    const view = await instructionsOverview(store, other, id);
    if (!view.ok) throw new Error(view.error.kind);
    const state = Object.fromEntries(view.value.households.map((h) => [h.household_id, [h.state, h.withdrawn]]));
    expect(state).toMatchObject({ h2: ['changed_since_sent', true], h3: ['not_issued', true] });
    expect(view.value.notYetTold).toEqual(['h1', 'h2']);
    for (const onlyUntold of [true, false]) {
      const out = await exportInstructions(store, other, id, { channel: 'sms', onlyUntold });
      if (!out.ok) throw new Error(out.error.kind);
      expect(out.value.notices.map((n) => n.household_id)).toEqual(['h2']);
      expect(out.value.withdrawn).toEqual([]);
      expect(smsCsv(out.value.messages)).not.toMatch(/^h3,/m);
    }
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('re-issues to a household turned back or with one member detained: a new message and a working code', async () => {
    const other = contextOf('org-c', 'coordinator');
    const fieldOfficer = contextOf('org-c', 'field_officer');
    const { id, planOf } = await scenarioOfOwnOrganisation('org-c');
    const events = async (rows: [person: string, status: string, at: string][]) => {
      for (const [person, status, at] of rows)
        await sql`insert into status_events (id, scenario_id, person_id, status, at, recorded_by, device, received_at)
          values (${`evt-c-${person}-${status}-${at}`}, ${id}, ${person}, ${status}, ${at}, 'officer', 'phone-1', now())`.execute(
          store.db,
        );
    };
    const codesOf = async () => {
      const out = await exportInstructions(store, other, id, { channel: 'sms', onlyUntold: false });
      if (!out.ok) throw new Error(out.error.kind);
      return new Map(out.value.instructions.map((i) => [i.household_id, codeText(i.code, 'en')]));
    };
    await planOf(convoys(), 300);
    expect(await issueInstructions(store, other, id)).toMatchObject({ ok: true, value: { added: ['h1', 'h2', 'h3'] } });
    const before = await codesOf();
    // h3 came, was turned back at the border and is home again (informed); one member of h1 is detained, the others
    // at home; h2 is at its assembly point (under way: it keeps its instruction).
    await events([
      ['p6', 'informed', '2018-07-21T19:00+03:00'],
      ['p6', 'at_assembly_point', '2018-07-21T21:50+03:00'],
      ['p6', 'turned_back', '2018-07-21T22:40+03:00'],
      ['p6', 'informed', '2018-07-21T23:30+03:00'],
      ['p7', 'informed', '2018-07-21T19:00+03:00'],
      ['p1', 'informed', '2018-07-21T19:00+03:00'],
      ['p1', 'detained', '2018-07-21T20:00+03:00'],
      ['p2', 'informed', '2018-07-21T19:00+03:00'],
      ['p4', 'at_assembly_point', '2018-07-21T20:55+03:00'],
    ]);
    // The old code of h3 was used at the assembly point before it was turned back.
    expect(
      await verifyPickupCode(store, fieldOfficer, id, {
        code: before.get('h3')!,
        at: '2018-07-21T21:50+03:00',
        consume: true,
      }),
    ).toMatchObject({ ok: true });
    // The re-plan gives everyone a new trip the next night.
    const later = convoys().map((c) => ({
      ...c,
      boards_at: '2018-07-22T21:00+03:00',
      leaves_at: '2018-07-22T21:20+03:00',
    }));
    await planOf(later, 400);
    const issued = await issueInstructions(store, other, id);
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    expect(issued.value.changed.map((c) => c.household_id).sort()).toEqual(['h1', 'h3']);
    expect(issued.value.underWay).toEqual(['h2']);
    const after = await codesOf();
    expect(after.get('h3')).not.toEqual(before.get('h3'));
    const at = '2018-07-22T21:00+03:00';
    expect(
      await verifyPickupCode(store, fieldOfficer, id, { code: after.get('h3')!, at, consume: true }),
    ).toMatchObject({
      ok: true,
      value: { household_id: 'h3' },
    });
    expect(
      await verifyPickupCode(store, fieldOfficer, id, { code: before.get('h3')!, at, consume: false }),
    ).toMatchObject({
      error: { kind: 'code-unknown' },
    });
    expect(
      await verifyPickupCode(store, fieldOfficer, id, { code: after.get('h1')!, at, consume: false }),
    ).toMatchObject({
      ok: true,
      value: { household_id: 'h1' },
    });
    expect(after.get('h2')).toEqual(before.get('h2'));
  });
});

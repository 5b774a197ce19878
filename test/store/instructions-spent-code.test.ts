// A household whose pickup code was used at the assembly point and that was then turned back comes again with a code
// the officers would refuse as used: the next issue (same plan or a re-plan) gives it a new code and a new message,
// audited; households under way keep their spent code, the others keep theirs untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvoyAssignment, codeText } from '../../src/core/operation/index.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import type { DeviceEvent } from '../../src/store/checkin-events.ts';
import {
  exportInstructions,
  instructionsOverview,
  issueInstructions,
  recordDeliveries,
  recordStatusEvents,
  verifyPickupCode,
} from '../../src/store/index.ts';
import { savePlanRun } from '../../src/store/plan-runs.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import type { Store } from '../../src/store/store.ts';
import { busTrip } from './convoy-fixture.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { contextOf, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

const NIGHT = '2018-07-21';
/** The tiny scenario's three households: h1 and h2 on bus 0 at 21:00, h3 on bus 1 at 22:00 (each changeable). */
function convoys(change: { h1Vehicle?: number; h3LeavesAt?: string; h3BoardsAt?: string } = {}): ConvoyAssignment[] {
  return [
    busTrip(change.h1Vehicle ?? 0, `${NIGHT}T21:00+03:00`, `${NIGHT}T21:20+03:00`, ['h1']),
    busTrip(0, `${NIGHT}T21:00+03:00`, `${NIGHT}T21:20+03:00`, ['h2']),
    busTrip(1, change.h3BoardsAt ?? `${NIGHT}T22:00+03:00`, change.h3LeavesAt ?? `${NIGHT}T22:20+03:00`, ['h3']),
  ];
}

describe.each(DIALECTS)('a spent pickup code on $name', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    ({ store } = await freshStore(dialect));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  /** A new organisation with the tiny scenario, its coordinator and field officer, and a way to plan and look. */
  async function operation(org: string) {
    const coordinator = await seedOrganisation(store, org);
    const officer = contextOf(org, 'field_officer');
    const imported = await importScenario(
      store,
      coordinator,
      (await loadScenario('test/fixtures/scenarios/tiny')).scenario!,
    );
    if (!imported.ok) throw new Error(imported.error.kind);
    const id = imported.value.scenarioId;
    let runs = 0;
    return {
      id,
      coordinator,
      officer,
      /** Saves `list` as the newest routing run (each one minute after the last, whatever the clock did). */
      async plan(list: ConvoyAssignment[]) {
        const saved = await savePlanRun(store, coordinator, {
          scenarioId: id,
          kind: 'routing',
          parameters: {},
          result: { schedule: { convoys: list } },
        });
        if (!saved.ok) throw new Error(saved.error.kind);
        await store.db
          .updateTable('plan_runs')
          .set({ created_at: new Date(Date.now() + ++runs * 60_000) })
          .where('id', '=', saved.value.planRunId)
          .execute();
      },
      async issue() {
        const issued = await issueInstructions(store, coordinator, id);
        if (!issued.ok) throw new Error(JSON.stringify(issued.error));
        return issued.value;
      },
      /** The code in force of each household, as it is told it (English). */
      async codes(onlyUntold = false) {
        const out = await exportInstructions(store, coordinator, id, { channel: 'sms', onlyUntold });
        if (!out.ok) throw new Error(out.error.kind);
        return new Map(out.value.instructions.map((i) => [i.household_id, codeText(i.code, 'en')]));
      },
      verify(code: string, at: string, consume: boolean) {
        return verifyPickupCode(store, officer, id, { code, at, consume });
      },
      /** Records `[person, status, time, vehicle?]` from the officer's phone; every one must be accepted. */
      async events(rows: [person: string, status: DeviceEvent['status'], at: string, vehicle?: string][]) {
        const recorded = await recordStatusEvents(
          store,
          officer,
          id,
          rows.map(([personId, status, at, vehicle]) => ({
            id: `${org}-${personId}-${status}-${at}`,
            personId,
            status,
            at: `${NIGHT}T${at}+03:00`,
            recordedBy: officer.actor.userId,
            device: 'phone-1',
            ...(vehicle === undefined ? {} : { vehicle }),
          })),
        );
        if (!recorded.ok) throw new Error(recorded.error.kind);
        expect(recorded.value.refused).toEqual([]);
      },
      async tellAll() {
        const at = `${NIGHT}T18:00+03:00`;
        await recordDeliveries(
          store,
          officer,
          id,
          ['h1', 'h2', 'h3'].map((householdId) => ({
            householdId,
            state: 'sent' as const,
            channel: 'sms' as const,
            at,
          })),
        );
      },
      async notYetTold() {
        const view = await instructionsOverview(store, officer, id);
        if (!view.ok) throw new Error(view.error.kind);
        return view.value.notYetTold;
      },
      /** The audit actions written about household `household` by this organisation. */
      async auditOf(household: string) {
        const rows = await store.db
          .selectFrom('audit_log')
          .select('action')
          .where('actor_organisation_id', '=', org)
          .where('entity', '=', 'household')
          .where('entity_id', '=', household)
          .orderBy('seq')
          .execute();
        return rows.map((r) => r.action);
      },
    };
  }

  it('gives a household turned back after its code was used a new code on the same plan; the others keep theirs', async () => {
    const op = await operation('org-spent');
    await op.plan(convoys());
    expect(await op.issue()).toMatchObject({ added: ['h1', 'h2', 'h3'] });
    await op.tellAll();
    const before = await op.codes();

    // h3 comes at 22:00, its code is accepted and it is checked in, then the border is shut and it is turned back.
    expect(await op.verify(before.get('h3')!, `${NIGHT}T22:00+03:00`, true)).toMatchObject({ ok: true });
    await op.events([
      ['p6', 'at_assembly_point', '22:01'],
      ['p7', 'at_assembly_point', '22:01'],
      ['p6', 'turned_back', '22:30'],
      ['p7', 'turned_back', '22:30'],
    ]);
    // h2 is checked in with its code and is on its bus: still under way, with the officers.
    expect(await op.verify(before.get('h2')!, `${NIGHT}T21:00+03:00`, true)).toMatchObject({ ok: true });
    await op.events([
      ['p4', 'at_assembly_point', '21:01'],
      ['p5', 'at_assembly_point', '21:01'],
      ['p4', 'boarded', '21:10', 'bus.0#1'],
      ['p5', 'boarded', '21:10', 'bus.0#1'],
    ]);
    // The family comes back: the officer's check refuses its used code (the defect this guards against).
    expect(await op.verify(before.get('h3')!, `${NIGHT}T22:40+03:00`, false)).toMatchObject({
      error: { kind: 'code-used' },
    });

    // The coordinator presses "issue" again; the plan did not change.
    const issued = await op.issue();
    expect(issued).toMatchObject({
      added: [],
      changed: [{ household_id: 'h3', fields: [], reason: 'code-spent' }],
      quiet: [],
      withdrawn: [],
      underWay: [],
      unchanged: 2,
    });
    const after = await op.codes();
    expect(after.get('h3')).not.toEqual(before.get('h3'));
    // h3 is the one to tell (again), and only h3: its new message carries the new code.
    expect(await op.notYetTold()).toEqual(['h3']);
    expect(await op.codes(true)).toEqual(new Map([['h3', after.get('h3')]]));

    // The old code no longer verifies (it is no household's code in force); the new one does, once.
    const at = `${NIGHT}T22:45+03:00`;
    expect(await op.verify(before.get('h3')!, at, false)).toMatchObject({ error: { kind: 'code-unknown' } });
    expect(await op.verify(after.get('h3')!, at, true)).toMatchObject({ ok: true, value: { household_id: 'h3' } });
    // h1, never turned back, keeps its code (no message); h2, under way, keeps its spent code.
    expect(after.get('h1')).toEqual(before.get('h1'));
    expect(after.get('h2')).toEqual(before.get('h2'));
    expect(await op.verify(after.get('h1')!, `${NIGHT}T21:00+03:00`, false)).toMatchObject({
      ok: true,
      value: { household_id: 'h1' },
    });
    expect(await op.verify(after.get('h2')!, `${NIGHT}T21:15+03:00`, false)).toMatchObject({
      error: { kind: 'code-used' },
    });

    // The stored version says a change with no field changed; the audit says why.
    const version = await store.db
      .selectFrom('instructions')
      .select(['change', 'changed_fields'])
      .where('scenario_id', '=', op.id)
      .where('household_id', '=', 'h3')
      .where('superseded_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ change: 'changed', changed_fields: [] });
    expect(await op.auditOf('h3')).toContain('instruction:changed:code-spent');
    expect((await op.auditOf('h1')).filter((a) => a.startsWith('instruction:changed'))).toEqual([]);
    expect((await verifyAudit(store)).ok).toBe(true);

    // With its new code accepted, the family is checked in again: under way, it keeps that code on the next issue.
    await op.events([
      ['p6', 'at_assembly_point', '22:46'],
      ['p7', 'at_assembly_point', '22:46'],
    ]);
    expect(await op.issue()).toMatchObject({ changed: [], quiet: [], unchanged: 3 });
    expect((await op.codes()).get('h3')).toEqual(after.get('h3'));
  });

  it('upgrades a spent household’s quiet change to a new code on a re-plan, and recodes one never checked in', async () => {
    const op = await operation('org-replan');
    await op.plan(convoys());
    await op.issue();
    await op.tellAll();
    const before = await op.codes();
    // h1's code was accepted, then the family declined and went home; h3's was accepted but it was never checked in
    // (the officer sent it away before pressing "check in"). Both will come again.
    expect(await op.verify(before.get('h1')!, `${NIGHT}T21:00+03:00`, true)).toMatchObject({ ok: true });
    await op.events(
      ['p1', 'p2', 'p3', 'p8'].flatMap((p): [string, DeviceEvent['status'], string][] => [
        [p, 'at_assembly_point', '21:01'],
        [p, 'declined', '21:05'],
      ]),
    );
    expect(await op.verify(before.get('h3')!, `${NIGHT}T22:00+03:00`, true)).toMatchObject({ ok: true });

    // The re-plan moves h1 to another bus (which it is not told: a quiet change) and makes h3's bus leave later
    // (only its code's validity moves: quiet too). Both need a new code all the same; h2 keeps its own.
    await op.plan(convoys({ h1Vehicle: 1, h3LeavesAt: `${NIGHT}T22:50+03:00` }));
    const issued = await op.issue();
    expect(issued).toMatchObject({
      changed: [
        { household_id: 'h1', fields: ['vehicle'], reason: 'code-spent' },
        { household_id: 'h3', fields: [], reason: 'code-spent' },
      ],
      quiet: [],
      unchanged: 1,
    });
    const after = await op.codes();
    expect(after.get('h1')).not.toEqual(before.get('h1'));
    expect(after.get('h3')).not.toEqual(before.get('h3'));
    expect(after.get('h2')).toEqual(before.get('h2'));
    expect(await op.notYetTold()).toEqual(['h1', 'h3']);
    // The new code of h3 is checked in its new window (until 60 minutes after 22:50).
    expect(await op.verify(after.get('h3')!, `${NIGHT}T23:45+03:00`, false)).toMatchObject({ ok: true });

    // A change the household is told and a spent code: one new code, for the change (no reason needed).
    expect(await op.verify(after.get('h3')!, `${NIGHT}T22:10+03:00`, true)).toMatchObject({ ok: true });
    await op.plan(convoys({ h1Vehicle: 1, h3BoardsAt: `${NIGHT}T23:00+03:00`, h3LeavesAt: `${NIGHT}T23:20+03:00` }));
    expect(await op.issue()).toMatchObject({ changed: [{ household_id: 'h3', fields: ['window'] }] });
    expect((await op.issue()).changed).toEqual([]);
  });
});

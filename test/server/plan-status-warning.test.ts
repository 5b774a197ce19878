// A full plan ignores the recorded check-ins (it starts from the scenario): once there are any, POST and GET
// /api/plan say so in `warnings`, so a coordinator does not send families a plan that forgets who is already out;
// the plan itself and the saved run are unchanged, and a re-plan from the status carries no such warning.
import { describe, expect, it } from 'vitest';
import { type AccessContext, savePlanRun } from '../../src/store/index.ts';
import { DIALECTS } from '../store/harness.ts';
import { call, type ServerFixture } from './fixture.ts';
import { useServerFixture } from './server-suite.ts';

interface PlanBody {
  readonly schedule?: unknown;
  readonly warnings?: readonly { kind: string; events: number; hint: string }[];
}

const EVENTS = [
  { id: 'p1-ap', person_id: 'p1', status: 'at_assembly_point', at: '2018-07-21T19:40+03:00' },
  { id: 'p2-ap', person_id: 'p2', status: 'at_assembly_point', at: '2018-07-21T19:41+03:00' },
  { id: 'p6-no', person_id: 'p6', status: 'declined', at: '2018-07-21T19:00+03:00' },
];

describe.each(DIALECTS)('a full plan and the recorded check-ins on $name', (dialect) => {
  let fx: ServerFixture;
  // The server's clock: 20:00 on the night, after the check-ins below (plan runs are ordered by their time).
  const clock = new Date('2018-07-21T17:00:00Z');
  useServerFixture(
    dialect,
    (made) => {
      fx = made;
    },
    { now: () => clock },
  );

  const runPlan = async () => call(fx.app, 'POST', '/api/plan', { token: await fx.token('coordinator') });
  const readPlan = async () =>
    (await (await call(fx.app, 'GET', '/api/plan', { token: await fx.token('viewer') })).json()) as PlanBody;
  const savedResults = async () =>
    (await fx.store.db.selectFrom('plan_runs').select('result').orderBy('created_at').execute()).map(
      (r) => r.result as PlanBody,
    );

  let before: PlanBody;

  it('carries no warning while nothing is recorded', async () => {
    const res = await runPlan();
    expect(res.status).toBe(200);
    before = (await res.json()) as PlanBody;
    expect(before.schedule).toBeDefined();
    expect(before.warnings).toEqual([]);
    expect((await readPlan()).warnings).toEqual([]);
  });

  it('warns on POST and GET once check-ins are recorded, and changes neither the plan nor the saved run', async () => {
    const sent = await call(fx.app, 'POST', '/api/status/events', {
      token: await fx.token('field_officer'),
      json: { device: 'phone-1', events: EVENTS },
    });
    expect(((await sent.json()) as { accepted: string[] }).accepted).toHaveLength(EVENTS.length);

    const res = await runPlan();
    expect(res.status).toBe(200);
    const { warnings, ...plan } = (await res.json()) as PlanBody;
    expect(warnings).toEqual([
      { kind: 'status-ignored', events: EVENTS.length, hint: expect.stringContaining('/api/plan/replan-from-status') },
    ]);
    // The same plan as before the check-ins: the warning is beside it, not in it.
    const { warnings: _, ...planBefore } = before;
    expect(plan).toEqual(planBefore);
    const saved = await savedResults();
    expect(saved).toHaveLength(2);
    for (const result of saved) expect(result).not.toHaveProperty('warnings');

    // A coordinator who opens the plan screen later sees it too.
    expect((await readPlan()).warnings).toEqual(warnings);
  });

  it('does not warn about a re-plan from the status, which started from the check-ins', async () => {
    const ctx: AccessContext = {
      actor: { userId: fx.userIds.coordinator, organisationId: 'home', role: 'coordinator' },
      clientAddress: 'test',
      purpose: 'test set-up',
      now: new Date('2018-07-21T17:15:00Z'),
    };
    const saved = await savePlanRun(fx.store, ctx, {
      scenarioId: fx.scenarioId,
      kind: 'routing',
      parameters: { kind: 'status-replan' },
      result: { schedule: before.schedule, status_replan: { at: '2018-07-21T20:15+03:00' } },
    });
    if (!saved.ok) throw new Error(saved.error.kind);
    const plan = await readPlan();
    expect(plan).toHaveProperty('status_replan');
    expect(plan.warnings).toEqual([]);
  });
});

// De-duplication review (accept, reject, undo) and allocation overrides (pin, bad pin) through the API, on each store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/scenario/scenario.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { type AccessContext, importScenario } from '../../src/store/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { call, problemOf, type ServerFixture, serverFixture, TINY } from './fixture.ts';

interface DedupeView {
  clusters: { id: string; recordIds: string[]; merges: { a: string; b: string; decidedBy: string }[] }[];
  review: {
    pair_id: string;
    a: Record<string, unknown>;
    b: Record<string, unknown>;
    score: number;
    reasons: unknown[];
    decision: string | null;
  }[];
}

interface OverrideAnswer {
  allocation: { assignments: { household: string; country: string }[]; overrides: { applied: unknown[] } };
  impact: { objective_delta: number; moved: { household: string; from: string | null; to: string | null }[] };
}

/** The tiny scenario plus p9: p6 entered again by another team without a father's name (an uncertain pair). */
async function importWithUncertainPair(fx: ServerFixture): Promise<void> {
  const scenario = (await loadScenario(TINY)).scenario!;
  const p6 = scenario.people.find((p) => p.person_id === 'p6')!;
  const h3 = scenario.households.find((h) => h.household_id === 'h3')!;
  const { father_name: _, phone: __, phone_e164: ___, ...rest } = p6;
  const p9: Person = {
    ...rest,
    person_id: 'p9',
    household_id: 'h9',
    given_name: 'Ahmed',
    birth_date: '1995',
    birth_date_estimated: true,
    source_list: 'team-c',
  };
  const h9 = {
    ...h3,
    household_id: 'h9',
    member_ids: ['p9'],
    head_id: 'p9',
    details: { ...h3.details!, household_id: 'h9' },
  };
  const ctx: AccessContext = {
    actor: { userId: fx.userIds.administrator, organisationId: 'home', role: 'administrator' },
    clientAddress: 'test',
    purpose: 'test set-up',
    // Later than the fixture's import, so this version is the current one.
    now: new Date('2018-07-21T10:00:00Z'),
  };
  const imported = await importScenario(fx.store, ctx, {
    ...scenario,
    people: [...scenario.people, p9],
    households: [...scenario.households, h9],
  });
  if (!imported.ok) throw new Error(imported.error.kind);
}

describe.each(DIALECTS)('de-duplication review and allocation overrides on $name', (dialect) => {
  let fx: ServerFixture;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
    await importWithUncertainPair(fx);
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  const dedupe = async (method: string, path: string, json?: unknown): Promise<DedupeView> => {
    const res = await call(fx.app, method, path, { token: await fx.token('coordinator'), json });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DedupeView;
  };
  const clusterOf = (view: DedupeView, id: string) => view.clusters.find((c) => c.recordIds.includes(id));
  const allRecordIds = (view: DedupeView) => view.clusters.flatMap((c) => c.recordIds).sort();

  it('lists the matcher’s persons and the uncertain pair with both records as the reader sees them', async () => {
    const view = await dedupe('GET', '/api/dedupe');
    expect(clusterOf(view, 'p1')?.recordIds).toEqual(['p1', 'p8']);
    expect(clusterOf(view, 'p9')).toBeUndefined();
    const pair = view.review.find((p) => p.pair_id === 'p6~p9');
    expect(pair).toMatchObject({ decision: null, a: { person_id: 'p6', given_name: 'Ahmad' } });
    expect(pair?.b).toMatchObject({ person_id: 'p9', given_name: 'Ahmed', source_list: 'team-c' });
    expect(pair?.score).toBeGreaterThan(0);
    expect(pair?.score).toBeLessThan(1);
    expect(pair?.reasons.length).toBeGreaterThan(0);
  });

  it('accepting a pair merges it, keeps every record, and undo restores it (both audited)', async () => {
    const accepted = await dedupe('POST', '/api/dedupe/decisions', { pair_id: 'p6~p9', decision: 'accept' });
    expect(clusterOf(accepted, 'p9')?.recordIds).toEqual(['p6', 'p9']);
    expect(clusterOf(accepted, 'p9')?.merges.map((m) => m.decidedBy)).toEqual(['reviewer']);
    expect(accepted.review.find((p) => p.pair_id === 'p6~p9')?.decision).toBe('accept');
    expect(new Set(allRecordIds(accepted)).size).toBe(allRecordIds(accepted).length);

    const again = await call(fx.app, 'POST', '/api/dedupe/decisions', {
      token: await fx.token('coordinator'),
      json: { pair_id: 'p9~p6', decision: 'accept' },
    });
    expect((await problemOf(again)).code).toBe('invalid-request');
    const twice = await call(fx.app, 'POST', '/api/dedupe/decisions', {
      token: await fx.token('coordinator'),
      json: { pair_id: 'p6~p9', decision: 'reject' },
    });
    expect((await problemOf(twice)).code).toBe('conflict');

    const undone = await dedupe('DELETE', '/api/dedupe/decisions/p6~p9');
    expect(clusterOf(undone, 'p9')).toBeUndefined();
    expect(undone.review.find((p) => p.pair_id === 'p6~p9')?.decision).toBeNull();
    const audit = await fx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'dedupe:%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['dedupe:merge', 'dedupe:undo']);
    const gone = await call(fx.app, 'DELETE', '/api/dedupe/decisions/p6~p9', { token: await fx.token('coordinator') });
    expect((await problemOf(gone)).code).toBe('not-found');
  });

  it('rejecting keeps two records apart, even the matcher’s own merge', async () => {
    const rejected = await dedupe('POST', '/api/dedupe/decisions', { pair_id: 'p1~p8', decision: 'reject' });
    expect(clusterOf(rejected, 'p1')).toBeUndefined();
    expect(clusterOf(rejected, 'p8')).toBeUndefined();
    expect(rejected.review.find((p) => p.pair_id === 'p1~p8')?.decision).toBe('reject');
    const kept = await dedupe('POST', '/api/dedupe/decisions', { pair_id: 'p6~p9', decision: 'reject' });
    expect(clusterOf(kept, 'p9')).toBeUndefined();
    const undone = await dedupe('DELETE', '/api/dedupe/decisions/p1~p8');
    expect(clusterOf(undone, 'p1')?.recordIds).toEqual(['p1', 'p8']);
    await dedupe('DELETE', '/api/dedupe/decisions/p6~p9');
  });

  it('denies a liaison and a field officer the review, and a field officer overrides', async () => {
    for (const role of ['government_liaison', 'field_officer'] as const) {
      const res = await call(fx.app, 'GET', '/api/dedupe', { token: await fx.token(role) });
      expect((await problemOf(res)).code).toBe('forbidden');
    }
    const liaison = await call(fx.app, 'POST', '/api/dedupe/decisions', {
      token: await fx.token('government_liaison'),
      json: { pair_id: 'p6~p9', decision: 'accept' },
    });
    expect((await problemOf(liaison)).code).toBe('forbidden');
    const override = await call(fx.app, 'POST', '/api/allocation/overrides', {
      token: await fx.token('field_officer'),
      json: { household: 'h1', country: 'CAN', kind: 'pin' },
    });
    expect((await problemOf(override)).code).toBe('forbidden');
  });

  it('a pin places the household, reports its cost, and the allocation keeps it', async () => {
    const answers: OverrideAnswer[] = [];
    for (const country of ['GBR', 'CAN']) {
      const res = await call(fx.app, 'POST', '/api/allocation/overrides', {
        token: await fx.token('coordinator'),
        json: { household: 'h1', country, kind: 'pin', note: 'family waiting there' },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const answer = (await res.json()) as OverrideAnswer;
      expect(answer.allocation.assignments.find((a) => a.household === 'h1')?.country).toBe(country);
      expect(answer.impact.objective_delta).toBeLessThanOrEqual(0);
      // A newer pin of the same household replaces the older one.
      expect(answer.allocation.overrides.applied).toHaveLength(1);
      answers.push(answer);
    }
    // The plan without pins puts h1 in one country at most: one of the two pins moved it.
    expect(answers.some((a) => a.impact.moved.some((m) => m.household === 'h1'))).toBe(true);
    const latest = await call(fx.app, 'GET', '/api/allocation', { token: await fx.token('viewer') });
    expect(latest.status).toBe(200);
    const allocation = (await latest.json()) as OverrideAnswer['allocation'];
    expect(allocation.assignments.find((a) => a.household === 'h1')?.country).toBe('CAN');
  });

  it('a pin to a country that has not cleared the household is a 422 with the reason', async () => {
    const res = await call(fx.app, 'POST', '/api/allocation/overrides', {
      token: await fx.token('coordinator'),
      json: { household: 'h2', country: 'GBR', kind: 'pin' },
    });
    expect(res.status).toBe(422);
    const problem = (await problemOf(res)) as { code: string; detail?: string; issues?: { code: string }[] };
    expect(problem.code).toBe('override-rejected');
    expect(problem.detail).toMatch(/vetting by GBR is refused/);
    expect(problem.issues?.[0]?.code).toBe('vetting');
    const unknown = await call(fx.app, 'POST', '/api/allocation/overrides', {
      token: await fx.token('coordinator'),
      json: { household: 'h404', country: 'GBR', kind: 'forbid' },
    });
    expect((await problemOf(unknown)).code).toBe('override-rejected');
  });
});

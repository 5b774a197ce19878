// First start of a server: import a scenario into an empty store, and (demo) one account per role with a shared case.

import { err, ok, type Result } from '../core/result.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import {
  type AccessContext,
  changePassword,
  createUser,
  importScenario,
  listCases,
  type Store,
  shareCase,
} from '../store/index.ts';
import { ensureOrganisation } from './data/accounts.ts';
import { currentScenarioOf, currentScenarios } from './data/current-scenario.ts';
import { latestPlanOf } from './data/plan-runs.ts';
import { planAndSave } from './plan/run-stored-plan.ts';

/** The first administrator's context, for work the server does on its own at start. */
async function administratorContext(store: Store, purpose: string): Promise<AccessContext | undefined> {
  const admin = await store.db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('role', '=', 'administrator')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (admin === undefined) return undefined;
  return {
    actor: { userId: admin.id, organisationId: admin.organisation_id, role: 'administrator' },
    clientAddress: 'cli',
    purpose,
    now: new Date(),
  };
}

/** Imports `scenario` for the administrator's organisation when the store holds no scenario yet. */
export async function importIfEmpty(
  store: Store,
  scenario: Scenario,
): Promise<Result<{ imported: false } | { imported: true; people: number; households: number }, string>> {
  const any = await store.db.selectFrom('scenarios').select('id').limit(1).executeTakeFirst();
  if (any !== undefined) return ok({ imported: false });
  const ctx = await administratorContext(store, 'first start: scenario import');
  if (ctx === undefined) return err('no administrator to import as');
  const imported = await importScenario(store, ctx, scenario);
  if (!imported.ok) return err(imported.error.kind === 'forbidden' ? 'forbidden' : imported.error.message);
  return ok({ imported: true, people: imported.value.people, households: imported.value.households });
}

export const DEMO_PARTNER = {
  id: 'gov-de',
  name: 'Germany (Federal Foreign Office)',
  kind: 'government',
  country: 'DEU',
} as const;
const DEMO_ACCOUNTS = [
  { username: 'coordinator', role: 'coordinator', organisation: 'home' },
  { username: 'field', role: 'field_officer', organisation: 'home' },
  { username: 'liaison', role: 'government_liaison', organisation: DEMO_PARTNER.id },
  { username: 'viewer', role: 'viewer', organisation: 'home' },
] as const;
/** What a partner government's liaison is granted on the demo's shared cases: never notes or provenance. */
const DEMO_GRANT = ['given_name', 'family_name', 'sex', 'household_size', 'vetting_status', 'case_status'];
const DEMO_SHARED_CASES = 10;

/**
 * Creates the demo's accounts (one per role; the liaison in a partner government that ten cases are shared
 * with) on a store that has none of them, and returns the lines to print: user names and passwords.
 */
export async function prepareDemo(store: Store, now: Date): Promise<string[]> {
  const ctx = await administratorContext(store, 'demo set-up');
  if (ctx === undefined) return ['demo: no administrator'];
  const exists = await store.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'coordinator')
    .executeTakeFirst();
  if (exists !== undefined) {
    return [
      'demo accounts exist already; their passwords were printed at first start',
      '(to start the demo afresh, stop the server and delete .safepassage-data and .safepassage-data.key)',
    ];
  }
  await ensureOrganisation(store, DEMO_PARTNER, now);
  const lines = ['demo accounts (password shown once):'];
  for (const account of DEMO_ACCOUNTS) {
    const created = await createUser(store, ctx, {
      username: account.username,
      organisationId: account.organisation === 'home' ? ctx.actor.organisationId : account.organisation,
      role: account.role,
    });
    if (!created.ok) return [...lines, `demo: cannot create ${account.username}: ${created.error.kind}`];
    // A demo account may be used straight away: its one-time password becomes its password.
    await changePassword(store, created.value.userId, created.value.oneTimePassword, now);
    lines.push(`  ${account.username.padEnd(12)} ${account.role.padEnd(19)} ${created.value.oneTimePassword}`);
  }
  const scenario = await currentScenarioOf(store, ctx.actor.organisationId);
  if (scenario !== undefined) {
    const cases = await listCases(store, ctx, scenario.id);
    if (cases.ok)
      for (const c of cases.value.slice(0, DEMO_SHARED_CASES))
        await shareCase(store, ctx, c.caseId, DEMO_PARTNER.id, DEMO_GRANT);
    lines.push(`  ${DEMO_SHARED_CASES} cases are shared with ${DEMO_PARTNER.name} (the liaison sees only those)`);
  }
  return lines;
}

/** The demo opens on a map with routes: plan every stored scenario that has no plan yet (as the administrator). */
export async function planDemoIfNone(store: Store, scenarioDir: string): Promise<string[]> {
  const ctx = await administratorContext(store, 'demo set-up: first plan');
  if (ctx === undefined) return [];
  const lines: string[] = [];
  for (const scenarioId of await currentScenarios(store)) {
    if ((await latestPlanOf(store, scenarioId)) !== undefined) continue;
    const { plan } = await planAndSave({ store, scenarioDir }, ctx, scenarioId);
    lines.push(`planned ${plan.scenario.name}: ${plan.stages.join(' → ')}`);
  }
  return lines;
}

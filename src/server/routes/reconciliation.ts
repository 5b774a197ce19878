// Reconciliation at the end: per household and person what was planned and what happened (with names where the
// reader may read people), the archive CSV, and counts-only figures per country pledge for a government partner.
import type { ConvoyAssignment } from '../../core/operation/instructions.ts';
import { type Reconciliation, reconcile, type Totals } from '../../core/operation/reconcile.ts';
import { deriveStatuses, STATUSES } from '../../core/operation/status.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { toCsv } from '../../io/tables/write-csv.ts';
import type { PlanResult } from '../../pipeline/plan.ts';
import {
  type FiguresScope,
  type PersonNames,
  RECONCILIATION_NAME_FIELDS,
  type ReconciliationError,
  type ReconciliationSource,
  reconciliationFiguresOf,
  reconciliationSourceOf,
  type Store,
} from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { currentScenarios, requireScenarioOf } from '../data/current-scenario.ts';
import { latestAllocationOf, latestPlanOf } from '../data/plan-runs.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

/** The plan a reconciliation is measured against: its convoys and its allocation (household → country). */
interface PlannedSide {
  readonly hasPlan: boolean;
  readonly convoys: readonly ConvoyAssignment[];
  readonly allocation: ReadonlyMap<string, string>;
}

async function plannedSideOf(store: Store, scenarioId: string): Promise<PlannedSide> {
  const plan = (await latestPlanOf(store, scenarioId)) as Partial<PlanResult> | undefined;
  const latest = await latestAllocationOf(store, scenarioId);
  const assignments =
    (latest?.allocation as { assignments?: readonly { household: string; country: string }[] } | undefined)
      ?.assignments ?? [];
  return {
    hasPlan: plan !== undefined,
    convoys: plan?.schedule?.convoys ?? [],
    allocation: new Map(assignments.map((a) => [a.household, a.country])),
  };
}

function reconcileSource(source: ReconciliationSource, planned: PlannedSide): Reconciliation {
  const states = deriveStatuses(
    source.events,
    source.households.flatMap((h) => h.member_ids),
  );
  // reconcile() reads only the households (ids and members) of the scenario: that is all the store hands out here.
  const scenario = { households: source.households } as unknown as Scenario;
  return reconcile(scenario, planned.convoys, states, planned.allocation);
}

function storeProblem(error: ReconciliationError): ApiProblem {
  switch (error.kind) {
    case 'forbidden':
      return new ApiProblem('forbidden', `not allowed: ${error.action}`);
    case 'no-such-scenario':
      return new ApiProblem('no-scenario', 'import a scenario first');
    default:
      return new ApiProblem('internal', 'a record could not be opened');
  }
}

/** One row per person, with the household's country pledge and the names the reader may see. */
function personRows(result: Reconciliation, planned: PlannedSide, names: ReadonlyMap<string, PersonNames>) {
  return result.persons.map((p) => ({
    person_id: p.person_id,
    household_id: p.household_id,
    ...names.get(p.person_id),
    ...(p.planned_convoy === undefined ? {} : { planned_convoy: p.planned_convoy }),
    ...(p.planned_exit === undefined ? {} : { planned_exit: p.planned_exit }),
    country: planned.allocation.get(p.household_id) ?? null,
    status: p.status,
    since: p.since ?? null,
    ...(p.vehicle === undefined ? {} : { vehicle: p.vehicle }),
    ...(p.exit === undefined ? {} : { exit: p.exit }),
    outcome: p.outcome,
    ...(p.reason === undefined ? {} : { reason: p.reason }),
  }));
}

async function fullReconciliation(
  request: Parameters<typeof accessOf>[0] & { readonly store: Store },
  purpose: string,
  audit: 'read' | 'export',
) {
  const ctx = accessOf(request, purpose);
  const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
  const source = await reconciliationSourceOf(request.store, ctx, scenario.id, audit);
  if (!source.ok) throw storeProblem(source.error);
  const planned = await plannedSideOf(request.store, scenario.id);
  const result = reconcileSource(source.value, planned);
  return { source: source.value, planned, result, persons: personRows(result, planned, source.value.names) };
}

/** A spreadsheet opens a cell starting with = + - @ (or a tab or carriage return) as a formula: quote it as text. */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export const CSV_COLUMNS = [
  'household_id',
  'person_id',
  ...RECONCILIATION_NAME_FIELDS,
  'planned_convoy',
  'planned_exit',
  'country',
  'status',
  'since',
  'vehicle',
  'exit',
  'outcome',
  'reason',
] as const;

/** Totals with a zero row for a pledge nothing was allocated to yet (a government still sees its own line). */
function pledgeRows(byCountry: Reconciliation['byCountry'], countries: FiguresScope['countries']) {
  if (countries === 'all') return byCountry;
  const zero: Totals = {
    planned: 0,
    crossed: 0,
    arrived: 0,
    missing: 0,
    detained: 0,
    turned_back: 0,
    declined: 0,
    other: 0,
  };
  return countries.map((code) => byCountry.find((row) => row.country === code) ?? { country: code, ...zero });
}

/** Per shared case: how many of its members are out, on the way and not out, by status. No names, no person ids. */
function sharedCaseRows(result: Reconciliation, shared: FiguresScope['sharedCases']) {
  return shared.flatMap(({ caseId, householdId }) => {
    const household = result.households.find((h) => h.household_id === householdId);
    if (household === undefined) return [];
    const byStatus: Record<string, number> = {};
    for (const p of result.persons)
      if (p.household_id === householdId) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    return [
      {
        case_id: caseId,
        household_id: householdId,
        members: household.members,
        out: household.out,
        in_progress: household.in_progress,
        not_out: household.not_out,
        by_status: byStatus,
      },
    ];
  });
}

export const reconciliationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/reconciliation',
    access: 'reconciliation.read',
    summary:
      'Planned against actual per household and person (names where person.read allows), totals per exit and pledge (audited)',
    responds:
      '{ scenario, generated_at, has_plan, by_status, by_exit, by_country, households: [...], persons: [{ person_id, household_id, given_name?, …, status, outcome, reason? }] }',
    handler: async (request) => {
      const { source, planned, result, persons } = await fullReconciliation(request, 'reconciliation', 'read');
      return {
        json: {
          scenario: source.scenarioName,
          generated_at: request.now.toISOString(),
          has_plan: planned.hasPlan,
          by_status: Object.fromEntries(STATUSES.map((s) => [s, result.byStatus[s] ?? 0])),
          by_exit: result.byExit,
          by_country: result.byCountry,
          households: result.households.map((h) => ({ ...h, country: planned.allocation.get(h.household_id) ?? null })),
          persons,
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/reconciliation.csv',
    access: 'reconciliation.read',
    summary: 'The per-person reconciliation as CSV for the archive (formula-safe cells; audited as an export)',
    responds: 'text/csv: one row per person, columns household_id, person_id, names, planned, status, outcome, reason',
    handler: async (request) => {
      const { persons } = await fullReconciliation(request, 'reconciliation archive', 'export');
      const rows = persons.map((p) =>
        CSV_COLUMNS.map((column) => spreadsheetSafe(String((p as Record<string, unknown>)[column] ?? ''))),
      );
      return new Response(`\uFEFF${toCsv(CSV_COLUMNS, rows, ',', '\r\n')}`, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="reconciliation.csv"',
          'Cache-Control': 'no-store',
        },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/reconciliation/figures',
    access: 'reconciliation.figures',
    summary:
      'Counts only per country pledge; a government liaison gets its own country and the cases shared with it (audited)',
    responds:
      '{ generated_at, operations: [{ scenario, by_country: [{ country, planned, crossed, arrived, missing, detained, turned_back, declined, other }], by_exit?, shared_cases? }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'reconciliation figures');
      const liaison = ctx.actor.role === 'government_liaison';
      // A liaison's government has no scenario of its own: its figures live in the organisations that share with it.
      const scenarioIds = liaison
        ? await currentScenarios(request.store)
        : [(await requireScenarioOf(request.store, ctx.actor.organisationId)).id];
      const scopes = await reconciliationFiguresOf(request.store, ctx, scenarioIds);
      if (!scopes.ok) throw storeProblem(scopes.error);
      const operations = [];
      for (const scope of scopes.value) {
        const planned = await plannedSideOf(request.store, scope.scenarioId);
        const result = reconcileSource(scope.source, planned);
        operations.push({
          scenario: scope.source.scenarioName,
          by_country: pledgeRows(result.byCountry, scope.countries),
          ...(scope.countries === 'all' ? { by_exit: result.byExit } : {}),
          ...(liaison ? { shared_cases: sharedCaseRows(result, scope.sharedCases) } : {}),
        });
      }
      return { json: { generated_at: request.now.toISOString(), operations } };
    },
  }),
];

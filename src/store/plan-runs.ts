// Plan runs (routing, scheduling, allocation results as JSON) and their allocations, with overrides audited.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import type { Store } from './store.ts';

export type PlanRunKind = 'routing' | 'scheduling' | 'allocation';

/** One household's allocation in a run: a country, or none (with the status saying why). */
export interface Allocation {
  readonly householdId: string;
  readonly country: string | null;
  readonly status: string;
}

export type PlanRunError =
  | Forbidden
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string }
  | { readonly kind: 'no-such-allocation'; readonly allocationId: string };

/**
 * Saves an engine's run over a scenario, with its allocations (if any), in one transaction.
 * @example await savePlanRun(store, ctx, { scenarioId, kind: 'allocation', parameters, result, allocations })
 */
export async function savePlanRun(
  store: Store,
  ctx: AccessContext,
  run: {
    readonly scenarioId: string;
    readonly kind: PlanRunKind;
    readonly parameters: unknown;
    readonly result: unknown;
    readonly allocations?: readonly Allocation[];
    /** The run this one re-plans (a re-plan from the live status): audited as `plan:derived` naming it. */
    readonly derivedFrom?: string;
  },
): Promise<Result<{ planRunId: string }, PlanRunError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<{ planRunId: string }, PlanRunError>> => {
    const scenario = await trx
      .selectFrom('scenarios')
      .select('organisation_id')
      .where('id', '=', run.scenarioId)
      .executeTakeFirst();
    if (scenario === undefined) return err({ kind: 'no-such-scenario', scenarioId: run.scenarioId });
    const allowed = check(ctx, 'plan.run', { kind: 'organisation', organisationId: scenario.organisation_id });
    if (!allowed.ok) return allowed;
    const planRunId = randomUUID();
    await trx
      .insertInto('plan_runs')
      .values({
        id: planRunId,
        scenario_id: run.scenarioId,
        kind: run.kind,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        parameters: JSON.stringify(run.parameters ?? null),
        result: JSON.stringify(run.result ?? null),
      })
      .execute();
    const allocations = (run.allocations ?? []).map((a) => ({
      id: randomUUID(),
      plan_run_id: planRunId,
      household_id: a.householdId,
      country: a.country,
      status: a.status,
      overridden_by: null,
      reason: null,
    }));
    for (let i = 0; i < allocations.length; i += 1000)
      await trx
        .insertInto('allocations')
        .values(allocations.slice(i, i + 1000))
        .execute();
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, `plan:${run.kind}`, 'plan-run', planRunId),
      ...(run.derivedFrom === undefined ? [] : [auditOf(ctx, 'plan:derived', 'plan-run', run.derivedFrom)]),
    ]);
    return ok({ planRunId });
  });
}

/** Reads a run's allocations in household order. */
export async function allocationsOf(
  store: Store,
  ctx: AccessContext,
  planRunId: string,
): Promise<
  Result<readonly (Allocation & { id: string; overriddenBy: string | null; reason: string | null })[], PlanRunError>
> {
  const owner = await store.db
    .selectFrom('plan_runs')
    .innerJoin('scenarios', 'scenarios.id', 'plan_runs.scenario_id')
    .select(['scenarios.organisation_id', 'scenarios.id'])
    .where('plan_runs.id', '=', planRunId)
    .executeTakeFirst();
  if (owner === undefined) return err({ kind: 'no-such-scenario', scenarioId: '' });
  const allowed = check(ctx, 'plan.read', { kind: 'organisation', organisationId: owner.organisation_id });
  if (!allowed.ok) return allowed;
  const rows = await store.db
    .selectFrom('allocations')
    .selectAll()
    .where('plan_run_id', '=', planRunId)
    .orderBy('household_id')
    .execute();
  return ok(
    rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      country: r.country,
      status: r.status,
      overriddenBy: r.overridden_by,
      reason: r.reason,
    })),
  );
}

/** A coordinator's override of one allocation: who, and why, kept on the row and in the audit log. */
export async function overrideAllocation(
  store: Store,
  ctx: AccessContext,
  allocationId: string,
  change: { readonly country: string | null; readonly status: string; readonly reason: string },
): Promise<Result<void, PlanRunError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<void, PlanRunError>> => {
    const owner = await trx
      .selectFrom('allocations')
      .innerJoin('plan_runs', 'plan_runs.id', 'allocations.plan_run_id')
      .innerJoin('scenarios', 'scenarios.id', 'plan_runs.scenario_id')
      .select('scenarios.organisation_id')
      .where('allocations.id', '=', allocationId)
      .executeTakeFirst();
    if (owner === undefined) return err({ kind: 'no-such-allocation', allocationId });
    const allowed = check(ctx, 'allocation.override', { kind: 'organisation', organisationId: owner.organisation_id });
    if (!allowed.ok) return allowed;
    await trx
      .updateTable('allocations')
      .set({ country: change.country, status: change.status, reason: change.reason, overridden_by: ctx.actor.userId })
      .where('id', '=', allocationId)
      .execute();
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'override', 'allocation', allocationId)]);
    return ok(undefined);
  });
}

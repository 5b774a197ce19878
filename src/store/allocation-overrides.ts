// Caseworker overrides of an allocation as the store keeps them: each note sealed like a person field, and a new set
// of overrides saved only on top of the set it was decided on (two coordinators at once: the second gets a conflict).
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Override } from '../core/allocation/types.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { latestPlanRun } from './latest-plan-run.ts';
import type { Allocation } from './plan-runs.ts';
import type { StoreSchema } from './schema.ts';
import { loadDataKeys, type OpenRecordError, openRecord, sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

/** The overrides in force on a scenario: those of its newest `allocation` run (each run holds them all), notes opened. */
export interface OverridesInForce {
  /** The run they come from (null before the first override): what a new override is decided on. */
  readonly runId: string | null;
  readonly overrides: readonly Override[];
}

export type OverrideSaveError =
  | Forbidden
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string }
  /** Another override was saved since `basedOn` was read: saving this one would drop it. */
  | { readonly kind: 'conflict'; readonly basedOn: string | null; readonly latest: string | null };

/**
 * A run's parameters as stored: the overrides without their notes (a note points to its sealed field), the notes
 * sealed under the run's own data key. Runs saved before notes were sealed hold `note` in clear; they are read as
 * they are and sealed when the next override saves them again.
 */
interface StoredParameters {
  readonly overrides?: readonly (Override & { readonly note_field?: string })[];
  readonly sealed_notes?: Readonly<Record<string, string>>;
}

type Trx = Transaction<StoreSchema>;

/** The data-key record id of a run's sealed notes. */
const notesRecordId = (planRunId: string) => `plan-run:${planRunId}`;

/** The newest override run (kind `allocation`): it holds every override in force. */
function latestOverrideRun(trx: Trx, scenarioId: string) {
  return latestPlanRun(trx, scenarioId, ['allocation']).select(['id', 'parameters', 'created_at']).executeTakeFirst();
}

/**
 * The overrides in force with their notes opened. Server-internal (the solver input and the next save); the callers
 * are authorised by their routes, and notes leave only in the response to the coordinator who overrides.
 * @example const inForce = await overridesInForce(store, scenarioId); if (inForce.ok) inForce.value.overrides
 */
export async function overridesInForce(
  store: Store,
  scenarioId: string,
): Promise<Result<OverridesInForce, OpenRecordError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<OverridesInForce, OpenRecordError>> => {
    const run = await latestOverrideRun(trx, scenarioId);
    if (run === undefined) return ok({ runId: null, overrides: [] });
    const parameters = (run.parameters ?? {}) as StoredParameters;
    let notes: Record<string, unknown> = {};
    if (parameters.sealed_notes !== undefined && Object.keys(parameters.sealed_notes).length > 0) {
      const record = notesRecordId(run.id);
      const keys = await loadDataKeys(trx, [record]);
      const opened = openRecord(store.keyring, record, keys.get(record), parameters.sealed_notes);
      if (!opened.ok) return opened;
      notes = opened.value;
    }
    const overrides = (parameters.overrides ?? []).map(({ note_field, ...override }): Override => {
      const note = note_field === undefined ? override.note : notes[note_field];
      const { note: _, ...rest } = override;
      return typeof note === 'string' ? { ...rest, note } : rest;
    });
    return ok({ runId: run.id, overrides });
  });
}

/**
 * Saves a re-solved allocation with every override in force as an `allocation` run — only if the newest override
 * run is still `basedOn` (the scenario row is locked for the check, so two savers are serialised), else a
 * `conflict` and nothing is written. The notes are sealed under the run's data key; the overridden household's
 * allocation row records who overrode it and what (not the note). Run, key, rows and audit are one transaction.
 * @example await saveOverrideRun(store, ctx, { scenarioId, basedOn: inForce.runId, overrides, override, result, allocations })
 */
export async function saveOverrideRun(
  store: Store,
  ctx: AccessContext,
  run: {
    readonly scenarioId: string;
    readonly basedOn: string | null;
    readonly overrides: readonly Override[];
    /** The override this save is for: its household's allocation row is marked. */
    readonly override: Override;
    /** The allocation result as stored (without notes: the caller strips them). */
    readonly result: unknown;
    readonly allocations: readonly Allocation[];
  },
): Promise<Result<{ readonly planRunId: string }, OverrideSaveError>> {
  type Out = Result<{ readonly planRunId: string }, OverrideSaveError>;
  return store.db.transaction().execute(async (trx): Promise<Out> => {
    const scenario = await trx
      .selectFrom('scenarios')
      .select('organisation_id')
      .where('id', '=', run.scenarioId)
      .forUpdate()
      .executeTakeFirst();
    if (scenario === undefined) return err({ kind: 'no-such-scenario', scenarioId: run.scenarioId });
    const allowed = check(ctx, 'allocation.override', {
      kind: 'organisation',
      organisationId: scenario.organisation_id,
    });
    if (!allowed.ok) return allowed;
    const latest = await latestOverrideRun(trx, run.scenarioId);
    if ((latest?.id ?? null) !== run.basedOn)
      return err({ kind: 'conflict', basedOn: run.basedOn, latest: latest?.id ?? null });

    const planRunId = randomUUID();
    const notes: Record<string, string> = {};
    const overrides = run.overrides.map(({ note, ...override }, i) => {
      if (note === undefined || note === '') return override;
      notes[`note:${i}`] = note;
      return { ...override, note_field: `note:${i}` };
    });
    let sealedNotes: Record<string, string> = {};
    if (Object.keys(notes).length > 0) {
      const sealed = sealRecord(store.keyring, notesRecordId(planRunId), notes);
      sealedNotes = sealed.sealed;
      await trx.insertInto('data_keys').values(sealed.wrappedKey).execute();
    }
    // Newest by creation time is "in force": never older than the run it was decided on, whatever the clocks say.
    const createdAt =
      latest !== undefined && latest.created_at.getTime() >= ctx.now.getTime()
        ? new Date(latest.created_at.getTime() + 1)
        : ctx.now;
    await trx
      .insertInto('plan_runs')
      .values({
        id: planRunId,
        scenario_id: run.scenarioId,
        kind: 'allocation',
        created_by: ctx.actor.userId,
        created_at: createdAt,
        parameters: JSON.stringify({ overrides, sealed_notes: sealedNotes } satisfies StoredParameters),
        result: JSON.stringify(run.result ?? null),
      })
      .execute();
    const rows = run.allocations.map((a) => {
      const overridden = a.householdId === run.override.household;
      return {
        id: randomUUID(),
        plan_run_id: planRunId,
        household_id: a.householdId,
        country: a.country,
        status: a.status,
        overridden_by: overridden ? ctx.actor.userId : null,
        reason: overridden ? `${run.override.kind} ${run.override.country}` : null,
      };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('allocations')
        .values(rows.slice(i, i + 1000))
        .execute();
    const marked = rows.find((r) => r.overridden_by !== null);
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, 'plan:allocation', 'plan-run', planRunId),
      ...(marked === undefined ? [] : [auditOf(ctx, 'override', 'allocation', marked.id)]),
    ]);
    return ok({ planRunId });
  });
}

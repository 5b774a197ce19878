// Issues instructions to evacuees from the current plan run: only households whose instruction changed, or whose
// spent code they will need again, get a new message and code; texts and codes sealed, codes also as salted HMACs;
// every household's change audited.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  buildInstructions,
  type ChangedField,
  type ConvoyAssignment,
  checkCode,
  codeText,
  type HouseholdInstruction,
  type InstructionChange,
  type InstructionError,
  type InstructionOptions,
  type InstructionText,
  issueCodes,
  type PickupCode,
  type RandomByte,
  reissue,
  type StoredCode,
  storeCode,
  type TextHash,
  type WithdrawalNotice,
} from '../core/operation/index.ts';
import { deriveStatuses, type PersonStatus, type StatusEvent } from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import { cryptoRandomByte } from '../io/instructions/operation-keys.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { spentCodeHouseholds } from './instructions-codes.ts';
import { type NoticeError, type SealedNotice, withdrawalNotices } from './instructions-notices.ts';
import {
  currentVersions,
  deliveryStates,
  fieldsOf,
  type InstructionVersion,
  mustTell,
  pickupCodeHash,
  storedOf,
  versionsOf,
} from './instructions-versions.ts';
import { latestPlanRun } from './latest-plan-run.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import { type ExportError, exportScenario } from './scenario-export.ts';
import type { StoreSchema } from './schema.ts';
import { sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type IssueError =
  | ScenarioAccessError
  | ExportError
  | NoticeError
  | { readonly kind: 'no-plan' }
  | { readonly kind: 'too-few-codes'; readonly households: number; readonly available: number }
  | { readonly kind: 'instruction'; readonly error: InstructionError };

/**
 * A household told a new message and code. `reason: 'code-spent'` when nothing it is told changed (`fields` empty,
 * or only the vehicle): its code was accepted at an assembly point and it is no longer under way (turned back, say),
 * so it would be refused with that code when it comes again.
 */
export interface IssuedChange {
  readonly household_id: string;
  readonly fields: readonly ChangedField[];
  readonly reason?: 'code-spent';
}

/** What an issue did, household by household (ids only). */
export interface IssueReport {
  readonly issueId: string;
  readonly planRunId: string;
  /** New in this plan: a first message and code. */
  readonly added: readonly string[];
  /** Something the household is told changed, or its code is spent (`reason`): a new message and a new code. */
  readonly changed: readonly IssuedChange[];
  /** Only the vehicle or the code's validity changed: same message, same code, nothing to send. */
  readonly quiet: readonly string[];
  /** No longer carried: tell them not to come (a notice is written for each; sent only to those told before). */
  readonly withdrawn: readonly string[];
  /** The withdrawn households that had been told (sent or acknowledged) a message: they must be sent the notice. */
  readonly notices: readonly string[];
  /** Households whose instruction stands as it was. */
  readonly unchanged: number;
  /** Their instruction would change, but they are already at the assembly point or further: left as they are. */
  readonly underWay: readonly string[];
  /** Households no convoy carries (no instruction). */
  readonly unscheduled: readonly string[];
}

/** The sealed part of a message: what the household is told, its phone, and the code (kept for export only). */
interface SealedMessage {
  readonly texts: readonly InstructionText[];
  readonly phone_e164?: string;
  readonly code: { readonly wordIndex: number; readonly number: number };
}

export interface IssueOptions
  extends Pick<InstructionOptions, 'languages' | 'marginMinutes' | 'showExit' | 'organisation'> {
  /** Tests pass a seeded source; the default is node:crypto. */
  readonly randomByte?: RandomByte;
}

/**
 * Makes instructions from the scenario's latest plan run and stores what changed since the instructions in force:
 * added and changed households get a new message and code (the old version is superseded), withdrawn ones a
 * withdrawal with a sealed "do not come" notice (sent only to those told before: `notices`), a vehicle-only change a
 * quiet version with the same message; the rest keep theirs. A household whose code was used at an assembly point
 * and that is no longer under way (turned back) gets a new message and code even on the same plan (`changed`, with
 * `reason: 'code-spent'`): the officers would refuse its spent code. One transaction.
 * @example const issued = await issueInstructions(store, ctx, scenarioId); if (issued.ok) issued.value.changed
 */
export async function issueInstructions(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  options: IssueOptions = {},
): Promise<Result<IssueReport, IssueError>> {
  const allowed = await allowedOnScenario(store.db, ctx, scenarioId, 'instruction.issue');
  if (!allowed.ok) return allowed;
  const run = await latestPlanRun(store.db, scenarioId, ['routing']).select(['id', 'result']).executeTakeFirst();
  const convoys = (run?.result as { schedule?: { convoys?: ConvoyAssignment[] } } | undefined)?.schedule?.convoys;
  if (run === undefined || !Array.isArray(convoys)) return err({ kind: 'no-plan' });
  // The phones and languages come from the scenario (exported: audited as a read of every person).
  const scenario = await exportScenario(store, ctx, scenarioId);
  if (!scenario.ok) return scenario;
  const randomByte = options.randomByte ?? cryptoRandomByte();
  const hash = pickupCodeHash(store.keyring);
  const buildOptions: InstructionOptions = {
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.marginMinutes === undefined ? {} : { marginMinutes: options.marginMinutes }),
    ...(options.showExit ? { showExit: true } : {}),
    ...(options.organisation ? { organisation: options.organisation } : {}),
  };
  const carried = convoys.flatMap((c) => c.households.map((h) => h.household_id));

  return store.db.transaction().execute(async (trx): Promise<Result<IssueReport, IssueError>> => {
    // One issuer at a time per scenario: two coordinators pressing the button get two consistent versions.
    await trx.selectFrom('scenarios').select('id').where('id', '=', scenarioId).forUpdate().execute();
    const current = currentVersions(await versionsOf(trx, scenarioId));
    const provisional = issueCodes(carried, randomByte);
    if (!provisional.ok) return err(provisional.error);
    const draft = buildInstructions(scenario.value, convoys, provisional.value, buildOptions);
    if (!draft.ok) return err({ kind: 'instruction', error: draft.error });
    const inForce = [...current.values()].filter((v) => v.change !== 'withdrawn');
    const all = reissue(
      inForce.map(fieldsOf),
      draft.value.instructions.map((i) => i.fields),
      [],
    ).changes;
    // A household with a member now at its assembly point or further is with the officers: a re-plan from the actual
    // state moves it without a message, and it keeps its instruction and code.
    const underWay = await householdsUnderWay(trx, scenarioId);
    // A household whose code was used and that is no longer under way comes again with a spent code: it is told a
    // new one even if its trip did not change (a change of its own, with no field changed).
    const spent = await spentCodeHouseholds(trx, scenarioId, inForce, {
      carried: new Set(draft.value.instructions.map((i) => i.household_id)),
      underWay,
    });
    const moved = new Set(all.map((c) => c.household_id));
    const recoded = [...spent]
      .filter((id) => !moved.has(id))
      .map((household_id): InstructionChange => ({ household_id, change: 'changed', fields: [] }));
    // In household id order, as `reissue` gives them.
    const changeOf = new Map(
      [...all.filter((c) => !underWay.has(c.household_id)), ...recoded].map((c) => [c.household_id, c]),
    );
    const changes = [...changeOf.keys()].sort().map((id) => changeOf.get(id)!);
    const told = changes.filter((c) => c.change === 'added' || c.fields.some((f) => f !== 'vehicle'));
    const toldIds = new Set(told.map((c) => c.household_id));
    const codeSpentOnly = new Set([...spent].filter((id) => !toldIds.has(id)));
    const newCode = new Set([
      ...told.filter((c) => c.change !== 'withdrawn').map((c) => c.household_id),
      ...codeSpentOnly,
    ]);

    // The households keeping their code keep it: a new code must differ from every code in force, not only the new;
    // and a spent code is not handed out again to the household that spent it (it must hear that its code changed).
    const kept = inForce.filter((v) => !newCode.has(v.household_id) && v.code_hash !== null);
    const spentVersions = inForce.filter((v) => codeSpentOnly.has(v.household_id));
    const fresh = drawDistinct([...newCode], randomByte, [...kept, ...spentVersions], hash);
    if (!fresh.ok) return fresh;
    const codes = provisional.value.map((c) => fresh.value.get(c.householdId) ?? c);
    const built = buildInstructions(scenario.value, convoys, codes, buildOptions);
    if (!built.ok) return err({ kind: 'instruction', error: built.error });

    const issueId = randomUUID();
    const byHousehold = new Map(built.value.instructions.map((i) => [i.household_id, i]));
    const report = { added: [] as string[], changed: [] as IssuedChange[], quiet: [] as string[] };
    const withdrawn: string[] = [];
    const rows: Parameters<typeof insertVersion>[1][] = [];
    const supersede: string[] = [];
    const dropped = changes.filter((c) => c.change === 'withdrawn').map((c) => current.get(c.household_id));
    const notices = await withdrawalNotices(
      trx,
      store.keyring,
      dropped.filter((v) => v !== undefined),
      options.organisation ? { organisation: options.organisation } : {},
    );
    if (!notices.ok) return notices;
    for (const change of changes) {
      const previous = current.get(change.household_id);
      const next = byHousehold.get(change.household_id);
      // Every change writes a new version: the one in force (or a withdrawal) is superseded.
      if (previous !== undefined) supersede.push(previous.id);
      if (change.change === 'withdrawn') {
        withdrawn.push(change.household_id);
        const notice = notices.value.get(change.household_id);
        rows.push({ kind: 'withdrawn', household_id: change.household_id, ...(notice ? { notice } : {}) });
      } else if (next !== undefined && newCode.has(change.household_id)) {
        const why = codeSpentOnly.has(change.household_id) ? { reason: 'code-spent' as const } : {};
        if (change.change === 'added') report.added.push(change.household_id);
        else report.changed.push({ household_id: change.household_id, fields: change.fields, ...why });
        rows.push({ kind: change.change, instruction: next, fields: change.fields, ...why });
      } else if (next !== undefined && previous !== undefined) {
        report.quiet.push(change.household_id);
        rows.push({ kind: 'quiet', instruction: next, previous, fields: change.fields });
      }
    }
    // A delayed departure moves only the code's validity: a quiet version too, so the code is checked right.
    const changed = new Set([...moved, ...spent]);
    for (const instruction of built.value.instructions) {
      const previous = current.get(instruction.household_id);
      if (previous === undefined || previous.change === 'withdrawn' || changed.has(instruction.household_id)) continue;
      const window = instruction.codeWindow;
      if (previous.valid_from === window.validFrom && previous.valid_until === window.validUntil) continue;
      supersede.push(previous.id);
      report.quiet.push(instruction.household_id);
      rows.push({ kind: 'quiet', instruction, previous, fields: [] });
    }

    if (supersede.length > 0)
      await trx.updateTable('instructions').set({ superseded_at: ctx.now }).where('id', 'in', supersede).execute();
    for (const row of rows)
      await insertVersion(trx, row, { store, ctx, scenarioId, issueId, planRunId: run.id, randomByte, hash });
    const notify = withdrawn.length === 0 ? [] : await toldAmong(trx, scenarioId, withdrawn);
    const result: IssueReport = {
      issueId,
      planRunId: run.id,
      added: report.added,
      changed: report.changed,
      quiet: report.quiet.sort(),
      withdrawn,
      notices: notify,
      unchanged: built.value.instructions.filter(
        (i) => !changed.has(i.household_id) && !report.quiet.includes(i.household_id),
      ).length,
      underWay: all.filter((c) => underWay.has(c.household_id)).map((c) => c.household_id),
      unscheduled: built.value.unscheduled,
    };
    await trx
      .insertInto('instruction_issues')
      .values({
        id: issueId,
        scenario_id: scenarioId,
        plan_run_id: run.id,
        issued_by: ctx.actor.userId,
        issued_at: ctx.now,
        summary: JSON.stringify({ ...result, unscheduled: result.unscheduled.length }),
      })
      .execute();
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, 'instruction:issue', 'plan-run', run.id),
      ...rows.map((r) => auditOf(ctx, auditActionOf(r), 'household', householdOf(r))),
    ]);
    return ok(result);
  });
}

type VersionRow =
  | { readonly kind: 'withdrawn'; readonly household_id: string; readonly notice?: WithdrawalNotice }
  | {
      readonly kind: 'added' | 'changed';
      readonly instruction: HouseholdInstruction;
      readonly fields: readonly ChangedField[];
      readonly reason?: 'code-spent';
    }
  | {
      readonly kind: 'quiet';
      readonly instruction: HouseholdInstruction;
      readonly previous: InstructionVersion;
      readonly fields: readonly ChangedField[];
    };

function householdOf(row: VersionRow): string {
  return row.kind === 'withdrawn' ? row.household_id : row.instruction.household_id;
}

/** `instruction:changed:code-spent` for a new code given only because the old one was used: the log says why. */
function auditActionOf(row: VersionRow): string {
  return row.kind === 'changed' && row.reason !== undefined
    ? `instruction:changed:${row.reason}`
    : `instruction:${row.kind}`;
}

async function insertVersion(
  trx: Transaction<StoreSchema>,
  row: VersionRow,
  at: {
    store: Store;
    ctx: AccessContext;
    scenarioId: string;
    issueId: string;
    planRunId: string;
    randomByte: RandomByte;
    hash: TextHash;
  },
): Promise<void> {
  const base = {
    id: randomUUID(),
    scenario_id: at.scenarioId,
    issue_id: at.issueId,
    plan_run_id: at.planRunId,
    household_id: householdOf(row),
    change: row.kind,
    issued_at: at.ctx.now,
    superseded_at: null,
  };
  if (row.kind === 'withdrawn') {
    // The notice is a message of its own (its own id, sealed like any): its delivery is recorded against it. No
    // facts are kept in plain columns: the withdrawal names no place.
    const messageId = randomUUID();
    const notice = row.notice;
    let sealed = '{}';
    if (notice !== undefined) {
      const secret: SealedNotice = {
        texts: notice.texts,
        ...(notice.phone_e164 === undefined ? {} : { phone_e164: notice.phone_e164 }),
      };
      const record = sealRecord(at.store.keyring, messageId, { ...secret });
      await trx.insertInto('data_keys').values(record.wrappedKey).execute();
      sealed = JSON.stringify(record.sealed);
    }
    const text = notice?.texts.find((t) => t.lang === notice.language) ?? notice?.texts[0];
    await trx
      .insertInto('instructions')
      .values({
        ...base,
        message_id: messageId,
        changed_fields: '[]',
        assembly_point: null,
        window_from: null,
        window_to: null,
        vehicle: null,
        exit: null,
        language: notice?.language ?? null,
        parts: text?.parts ?? null,
        has_phone: notice?.phone_e164 !== undefined,
        valid_from: null,
        valid_until: null,
        code_salt: null,
        code_hash: null,
        sealed,
      })
      .execute();
    return;
  }
  const i = row.instruction;
  const facts = {
    changed_fields: JSON.stringify(row.fields),
    assembly_point: i.fields.assembly_point,
    window_from: i.fields.window_from,
    window_to: i.fields.window_to,
    vehicle: i.fields.vehicle,
    exit: i.fields.exit,
    language: i.language,
    parts: (i.texts.find((t) => t.lang === i.language) ?? i.texts[0])?.parts ?? null,
    has_phone: i.phone_e164 !== undefined,
    valid_from: i.codeWindow.validFrom,
    valid_until: i.codeWindow.validUntil,
  };
  if (row.kind === 'quiet') {
    // The household's message and code are unchanged: the sealed fields are bound to the message id, not the row.
    await trx
      .insertInto('instructions')
      .values({
        ...base,
        ...facts,
        message_id: row.previous.message_id,
        code_salt: row.previous.code_salt,
        code_hash: row.previous.code_hash,
        sealed: JSON.stringify(row.previous.sealed),
      })
      .execute();
    return;
  }
  const messageId = randomUUID();
  const secret: SealedMessage = {
    texts: i.texts,
    ...(i.phone_e164 === undefined ? {} : { phone_e164: i.phone_e164 }),
    code: { wordIndex: i.code.wordIndex, number: i.code.number },
  };
  const { sealed, wrappedKey } = sealRecord(at.store.keyring, messageId, { ...secret });
  const stored: StoredCode = storeCode(i.code, i.codeWindow, at.randomByte, at.hash);
  await trx.insertInto('data_keys').values(wrappedKey).execute();
  await trx
    .insertInto('instructions')
    .values({
      ...base,
      ...facts,
      message_id: messageId,
      code_salt: stored.salt,
      code_hash: stored.hash,
      sealed: JSON.stringify(sealed),
    })
    .execute();
}

/** Those of `householdIds` that must be told now, by the same derivation as the overview (after the new versions). */
async function toldAmong(
  trx: Transaction<StoreSchema>,
  scenarioId: string,
  householdIds: readonly string[],
): Promise<string[]> {
  const deliveries = await trx
    .selectFrom('instruction_deliveries')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('household_id', 'in', householdIds)
    .execute();
  const states = deliveryStates(householdIds, await versionsOf(trx, scenarioId), deliveries);
  return householdIds.filter((id) => mustTell(states.get(id)!.state));
}

// The statuses at which a member is with the officers (at the assembly point or further along the way out).
const UNDER_WAY: ReadonlySet<PersonStatus> = new Set([
  'at_assembly_point',
  'boarded',
  'crossed',
  'arrived',
  'in_resettlement',
]);

/**
 * Households with a member NOW at the assembly point or beyond, derived from the whole log (as the check-ins are).
 * Not "ever recorded there": a household turned back and home again (turned_back, then informed), one that declined
 * and came back, or one with a member detained and the others at home must be told its new trip like any other.
 */
async function householdsUnderWay(trx: Transaction<StoreSchema>, scenarioId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('status_events').selectAll().where('scenario_id', '=', scenarioId).execute();
  if (rows.length === 0) return new Set();
  const people = await trx
    .selectFrom('people')
    .select(['person_id', 'household_id'])
    .where('scenario_id', '=', scenarioId)
    .execute();
  const householdOf = new Map(people.map((p) => [p.person_id, p.household_id]));
  const events: StatusEvent[] = rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    status: r.status as PersonStatus,
    at: r.at,
    recordedBy: r.recorded_by,
    device: r.device,
    ...(r.vehicle === null ? {} : { vehicle: r.vehicle }),
    ...(r.exit === null ? {} : { exit: r.exit }),
  }));
  const underWay = new Set<string>();
  for (const state of deriveStatuses(events).values()) {
    const household = householdOf.get(state.personId);
    if (household !== undefined && UNDER_WAY.has(state.status)) underWay.add(household);
  }
  return underWay;
}

/**
 * New codes for `householdIds`, each different from every other new code and from every code kept in force (checked
 * through the kept codes' salted hashes: the kept codes are never opened).
 */
function drawDistinct(
  householdIds: readonly string[],
  randomByte: RandomByte,
  kept: readonly InstructionVersion[],
  hash: TextHash,
): Result<Map<string, PickupCode>, IssueError> {
  const drawn = issueCodes(householdIds, randomByte);
  if (!drawn.ok) return err(drawn.error);
  // checkCode answers `wrong-code` only when the hash differs: any other answer is the same code.
  const clashes = (code: PickupCode) =>
    kept.some((v) => {
      const stored = storedOf(v);
      const checked = checkCode(stored, codeText(code, 'en'), stored.valid_from, hash);
      return checked.ok || checked.error.kind !== 'wrong-code';
    });
  const taken = new Set(drawn.value.map((c) => `${c.wordIndex}/${c.number}`));
  const codes = new Map<string, PickupCode>();
  for (let code of drawn.value) {
    for (let attempt = 0; clashes(code); attempt++) {
      if (attempt > 1000)
        return err({ kind: 'too-few-codes', households: householdIds.length + kept.length, available: 0 });
      const again = issueCodes([code.householdId], randomByte);
      if (!again.ok) return err(again.error);
      const candidate = again.value[0]!;
      if (taken.has(`${candidate.wordIndex}/${candidate.number}`)) continue;
      taken.add(`${candidate.wordIndex}/${candidate.number}`);
      code = candidate;
    }
    codes.set(code.householdId, code);
  }
  return ok(codes);
}

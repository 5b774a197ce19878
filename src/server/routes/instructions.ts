// Instructions to evacuees: issue (and re-issue to the affected only) from the current plan, the delivery state of
// every household, exports for the channels field teams use, the delivery log, and pickup-code checks.
import { z } from 'zod';
import type { InstructionError } from '../../core/operation/index.ts';
import { parseInstant } from '../../core/operation/local-time.ts';
import { signalText, slipsHtml, smsCsv } from '../../io/instructions/instruction-exports.ts';
import {
  CODE_CHECK_LIMITS,
  exportInstructions,
  instructionsOverview,
  issueInstructions,
  recordDeliveries,
  verifyPickupCode,
} from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { ApiProblem, retryAfterSeconds } from '../problem.ts';
import { defineRoute } from '../route.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = z.string().regex(INSTANT, 'a time with an offset, e.g. 2018-07-21T22:00+03:00');
const id = z.string().trim().min(1).max(200);

const issueBody = z
  .strictObject({
    languages: z
      .array(z.enum(['ar', 'en']))
      .min(1)
      .max(2)
      .optional(),
    margin_minutes: z.number().int().min(0).max(240).optional(),
    show_exit: z.boolean().optional(),
    organisation: z.string().trim().min(1).max(80).optional(),
  })
  .optional();

const delivery = z.strictObject({
  household_id: id,
  state: z.enum(['sent', 'acknowledged', 'refused']),
  channel: z.enum(['sms', 'signal', 'whatsapp', 'slip', 'voice']).optional(),
  at: instant,
});
const deliveryBody = z.union([delivery, z.strictObject({ deliveries: z.array(delivery).min(1).max(2000) })]);

const verifyBody = z.strictObject({
  code: z.string().trim().min(1).max(100),
  at: instant.optional(),
  consume: z.boolean().optional(),
});

const exportQuery = z.strictObject({
  channel: z.enum(['sms', 'signal', 'slips']),
  only: z.enum(['untold']).optional(),
  /** `json`: the slips as data, for the web app's print view (same texts as slips.html). */
  format: z.enum(['json']).optional(),
});

const CONTENT_TYPES = {
  sms: 'text/csv; charset=utf-8',
  signal: 'text/plain; charset=utf-8',
  slips: 'text/html; charset=utf-8',
} as const;
const FILE_NAMES = { sms: 'sms.csv', signal: 'signal.txt', slips: 'slips.html' } as const;

function forbiddenOrMissing(error: { kind: string; action?: string }): never {
  if (error.kind === 'forbidden') throw new ApiProblem('forbidden', `not allowed: ${error.action}`);
  if (error.kind === 'no-such-scenario') throw new ApiProblem('no-scenario', 'import a scenario first');
  throw new Error(`instructions: ${error.kind}`);
}

export const instructionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/instructions/issue',
    access: 'instruction.issue',
    summary:
      'Make instructions from the current plan; on a re-issue only added and changed households get a new message and code',
    body: issueBody,
    responds:
      '{ plan_run_id, added: [id], changed: [{ household_id, fields, reason? }], quiet: [id], withdrawn: [id], notices: [id], unchanged, under_way: [id], unscheduled: [id], to_send }',
    handler: async (request) => {
      const ctx = accessOf(request, 'instructions to evacuees');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const body = request.body;
      const issued = await issueInstructions(request.store, ctx, scenario.id, {
        ...(body?.languages ? { languages: body.languages } : {}),
        ...(body?.margin_minutes === undefined ? {} : { marginMinutes: body.margin_minutes }),
        ...(body?.show_exit ? { showExit: true } : {}),
        ...(body?.organisation ? { organisation: body.organisation } : {}),
      });
      if (!issued.ok) {
        const e = issued.error;
        if (e.kind === 'no-plan') throw new ApiProblem('no-plan', 'run the plan first (POST /api/plan)');
        if (e.kind === 'too-few-codes')
          throw new ApiProblem('instructions-rejected', `only ${e.available} codes for ${e.households} households`);
        if (e.kind === 'instruction')
          throw new ApiProblem('instructions-rejected', describeInstructionError(e.error), {
            issues: [{ code: e.error.kind, message: describeInstructionError(e.error) }],
          });
        return forbiddenOrMissing(e);
      }
      const r = issued.value;
      return {
        json: {
          plan_run_id: r.planRunId,
          added: r.added,
          changed: r.changed,
          quiet: r.quiet,
          withdrawn: r.withdrawn,
          notices: r.notices,
          unchanged: r.unchanged,
          under_way: r.underWay,
          unscheduled: r.unscheduled,
          // Who gets a message now: a new instruction, a changed one, or "do not come" (only to those told before).
          to_send: r.added.length + r.changed.length + r.notices.length,
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/instructions',
    access: 'instruction.read',
    summary:
      'Every household with its instruction state (not issued, issued, sent, acknowledged, refused, changed since sent)',
    responds:
      '{ households: [{ household_id, persons, state, withdrawn, assembly_point, window_from, window_to, parts, … }], totals, not_yet_told: [id], last_issue }',
    handler: async (request) => {
      const ctx = accessOf(request, 'instructions to evacuees');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const view = await instructionsOverview(request.store, ctx, scenario.id);
      if (!view.ok) return forbiddenOrMissing(view.error);
      return {
        json: {
          households: view.value.households,
          totals: view.value.totals,
          not_yet_told: view.value.notYetTold,
          last_issue:
            view.value.lastIssue === null
              ? null
              : { plan_run_id: view.value.lastIssue.planRunId, issued_at: view.value.lastIssue.issuedAt },
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/instructions/export',
    access: 'instruction.export',
    summary:
      'The instructions in force for a channel: sms (CSV for an SMS gateway), signal (copy-paste text), slips (printable HTML)',
    query: exportQuery,
    responds:
      'sms.csv, signal.txt or slips.html as `safepassage instructions` writes them (the codes in clear), with a "do not come" notice for each household withdrawn after it was told',
    handler: async (request) => {
      const { channel, only, format } = request.query;
      const ctx = accessOf(request, `instructions export (${channel})`);
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const exported = await exportInstructions(request.store, ctx, scenario.id, {
        channel,
        onlyUntold: only === 'untold',
      });
      if (!exported.ok) return forbiddenOrMissing(exported.error);
      // Instructions and "do not come" notices in household order: one file for the gateway, one pile of slips.
      const { messages, notices, withdrawn } = exported.value;
      const notified = new Set(notices.map((n) => n.household_id));
      if (format === 'json') {
        if (channel !== 'slips') throw new ApiProblem('invalid-request', 'format=json is for channel=slips only');
        return {
          json: {
            slips: messages.map((m) => ({
              household_id: m.household_id,
              language: m.language,
              withdrawal: notified.has(m.household_id),
              texts: m.texts.map((t) => ({ lang: t.lang, text: t.text })),
            })),
            withdrawn,
          },
        };
      }
      const user = await request.store.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', ctx.actor.userId)
        .executeTakeFirst();
      const body =
        channel === 'sms'
          ? smsCsv(messages)
          : channel === 'signal'
            ? signalText(messages)
            : slipsHtml(messages, {
                printedBy: user?.username ?? ctx.actor.userId,
                printedAt: ctx.now.toISOString(),
              });
      return new Response(body, {
        headers: {
          'Content-Type': CONTENT_TYPES[channel],
          'Content-Disposition': `attachment; filename="${FILE_NAMES[channel]}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/instructions/delivery',
    access: 'instruction.record',
    summary: 'Record that households were sent, acknowledged or refused their instruction (append-only; batch allowed)',
    body: deliveryBody,
    responds: '{ recorded: [household_id], refused: [{ household_id, reason: "not-issued" }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'instructions delivery');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const entries = 'deliveries' in request.body ? request.body.deliveries : [request.body];
      const recorded = await recordDeliveries(
        request.store,
        ctx,
        scenario.id,
        entries.map((e) => ({
          householdId: e.household_id,
          state: e.state,
          at: e.at,
          ...(e.channel === undefined ? {} : { channel: e.channel }),
        })),
      );
      if (!recorded.ok) return forbiddenOrMissing(recorded.error);
      return { json: recorded.value };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/instructions/verify-code',
    access: 'pickup-code.verify',
    summary: 'Whose pickup code this is (either language, either digit script, any case); consume: true uses it up',
    body: verifyBody,
    responds:
      '{ household_id, person_ids, assembly_point, valid_from, valid_to }; 404 code-unknown, 422 code-outside-window, 409 code-used; 400 invalid-request when at is more than 15 minutes from the server clock; 429 rate-limited with Retry-After after 5 failed checks by the user in 10 minutes',
    handler: async (request) => {
      const ctx = accessOf(request, 'pickup code check');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { code, at, consume } = request.body;
      const limits = request.state.codeCheckLimits ?? CODE_CHECK_LIMITS;
      const verified = await verifyPickupCode(request.store, ctx, scenario.id, {
        code,
        at: checkTimeOf(at, request.now),
        consume: consume ?? false,
        limits,
      });
      if (!verified.ok) {
        const e = verified.error;
        if (e.kind === 'code-unknown') throw new ApiProblem('code-unknown', 'no household has this code in force');
        if (e.kind === 'code-outside-window')
          throw new ApiProblem('code-outside-window', `the code is valid from ${e.valid_from} to ${e.valid_to}`);
        if (e.kind === 'code-used') throw new ApiProblem('code-used', `the code was used at ${e.used_at}`);
        if (e.kind === 'code-checks-paused') {
          throw new ApiProblem(
            'rate-limited',
            `${e.failures} wrong pickup codes from this account in ${limits.windowMs / 60_000} minutes: checks pause until ${e.until.toISOString()}`,
            { headers: { 'Retry-After': retryAfterSeconds(e.until, request.now) } },
          );
        }
        return forbiddenOrMissing(e);
      }
      return { json: verified.value };
    },
  }),
];

/**
 * How far a device's `at` may be from the server's clock. Why 15 minutes: a phone at an assembly point may queue a
 * check for a few minutes without signal, and phone clocks drift; further than that, a field-officer session could
 * pick any moment inside a code's window (or stamp a use at a time of its choosing).
 */
export const CODE_CHECK_TOLERANCE_MS = 15 * 60_000;

/** The moment a code is checked at: the device's `at` when it is near the server's clock, else the server's clock. */
function checkTimeOf(at: string | undefined, now: Date): string {
  if (at === undefined) return now.toISOString();
  const epochMs = parseInstant(at)?.epochMs;
  if (epochMs === undefined || Math.abs(epochMs - now.getTime()) > CODE_CHECK_TOLERANCE_MS) {
    const message = `at must be within ${CODE_CHECK_TOLERANCE_MS / 60_000} minutes of the server's clock (${now.toISOString()}); got ${at}`;
    throw new ApiProblem('invalid-request', message, { issues: [{ path: 'body.at', message }] });
  }
  return at;
}

const INSTRUCTION_ERRORS: { [K in InstructionError['kind']]: (e: Extract<InstructionError, { kind: K }>) => string } = {
  'too-long': (e) => `the ${e.lang} message for ${e.household_id} takes ${e.units} units, more than ${e.limit}`,
  'unknown-place': (e) => `the plan names an assembly point ${e.place_id} the scenario does not have`,
  'bad-time': (e) => `the plan has a time without an offset: ${e.value}`,
  'no-code': (e) => `no pickup code for ${e.household_id}`,
};

function describeInstructionError(error: InstructionError): string {
  return (INSTRUCTION_ERRORS[error.kind] as (e: InstructionError) => string)(error);
}

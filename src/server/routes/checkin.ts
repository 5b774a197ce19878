// Check-in and live status: devices post their queued status events (re-sending is harmless); anyone allowed reads the counts;
// late events that contradict accepted ones are held for a coordinator, who accepts or dismisses them.
import { z } from 'zod';
import { deriveStatuses, STATUSES } from '../../core/operation/status.ts';
import {
  type DeviceEvent,
  type HeldEvent,
  type HeldEventError,
  heldStatusEventsOf,
  type LoggedStep,
  recordStatusEvents,
  resolveHeldEvent,
  statusEventsOf,
} from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const id = z.string().trim().min(1).max(200);

const eventBody = z.strictObject({
  id,
  person_id: id,
  status: z.enum(STATUSES),
  at: z.string().regex(INSTANT, 'a time with an offset, e.g. 2018-07-21T22:00+03:00'),
  vehicle: id.optional(),
  exit: id.optional(),
  // Why missing, detained, turned back or declined: sealed at rest, never in the audit text.
  note: z.string().trim().max(1000).optional(),
  // Events of one group (a household checked in together) are stored all or none.
  group: id.optional(),
});

const eventsBody = z.strictObject({
  device: id,
  // An offline phone sends its queue in posts of ≤ 100 (web send-chunks.ts); the cap keeps any client bounded.
  events: z.array(eventBody).min(1).max(2000),
});

const resolveBody = z.strictObject({
  action: z.enum(['accept', 'dismiss']),
  // Why (confirmed by radio, a recording error…): sealed at rest, never in the audit text.
  note: z.string().trim().max(1000).optional(),
});

function heldProblemOf(error: HeldEventError): ApiProblem {
  switch (error.kind) {
    case 'forbidden':
      return new ApiProblem('forbidden', `not allowed: ${error.action}`);
    case 'no-such-scenario':
      return new ApiProblem('no-scenario', 'import a scenario first');
    case 'no-such-held-event':
      return new ApiProblem('not-found', `no held event ${error.heldId}`);
    case 'already-resolved':
      return new ApiProblem('conflict', `already ${error.resolution}`, {
        issues: [{ code: 'already-resolved', message: `already ${error.resolution}` }],
      });
    case 'no-longer-applies':
      return new ApiProblem('conflict', `it can no longer apply (${error.refusal.kind}): dismiss it instead`, {
        issues: [{ code: error.refusal.kind, message: 'it can no longer apply: dismiss it instead' }],
      });
  }
}

const stepView = (s: LoggedStep) => ({ id: s.id, status: s.status, at: s.at, device: s.device });

function heldView(h: HeldEvent) {
  const e = h.event;
  return {
    id: e.id,
    person_id: e.personId,
    household_id: h.householdId,
    status: e.status,
    at: e.at,
    device: e.device,
    ...(e.vehicle === undefined ? {} : { vehicle: e.vehicle }),
    ...(e.exit === undefined ? {} : { exit: e.exit }),
    ...(e.group === undefined ? {} : { group: e.group }),
    ...(e.note === undefined ? {} : { note: e.note }),
    submitted_by: e.recordedBy,
    submitted_by_username: h.submittedByUsername,
    received_at: h.receivedAt.toISOString(),
    refusal: h.refusal,
    displaced: h.displaced.map(stepView),
    resolution:
      h.resolution === null
        ? null
        : {
            kind: h.resolution.kind,
            by: h.resolution.by,
            by_username: h.resolution.byUsername,
            at: h.resolution.at.toISOString(),
            ...(h.resolution.note === undefined ? {} : { note: h.resolution.note }),
            superseded: h.resolution.superseded.map(stepView),
          },
  };
}

export const checkinRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/status/events',
    access: 'situation.report',
    summary:
      'Record check-in and status events from a device (ids stored once; replayed in time order; impossible moves refused; audited)',
    body: eventsBody,
    responds: '{ accepted: [id], duplicates: [id], pending: [{ id, error }], refused: [{ id, error }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'check-in');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { device, events } = request.body;
      const batch: DeviceEvent[] = events.map((e) => ({
        id: e.id,
        personId: e.person_id,
        status: e.status,
        at: e.at,
        recordedBy: ctx.actor.userId,
        device,
        ...(e.vehicle === undefined ? {} : { vehicle: e.vehicle }),
        ...(e.exit === undefined ? {} : { exit: e.exit }),
        ...(e.note === undefined || e.note === '' ? {} : { note: e.note }),
        ...(e.group === undefined ? {} : { group: e.group }),
      }));
      const recorded = await recordStatusEvents(request.store, ctx, scenario.id, batch);
      if (!recorded.ok)
        throw recorded.error.kind === 'forbidden'
          ? new ApiProblem('forbidden', `not allowed: ${recorded.error.action}`)
          : new ApiProblem('no-scenario', 'import a scenario first');
      return { json: recorded.value };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/status',
    access: 'situation.read',
    summary: 'The live status of every person, derived from the recorded events (ids only, no names; audited)',
    responds:
      '{ by_status: { status: count }, people: [{ person_id, household_id, status, at, vehicle?, exit? }], conflicts }',
    handler: async (request) => {
      const ctx = accessOf(request, 'live status');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const log = await statusEventsOf(request.store, ctx, scenario.id);
      if (!log.ok)
        throw log.error.kind === 'forbidden'
          ? new ApiProblem('forbidden', `not allowed: ${log.error.action}`)
          : new ApiProblem('no-scenario', 'import a scenario first');
      const states = deriveStatuses(
        log.value.events,
        log.value.people.map((p) => p.personId),
      );
      const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<string, number>;
      const conflicts: unknown[] = [];
      const people = log.value.people.map((p) => {
        const state = states.get(p.personId);
        const status = state?.status ?? 'not_contacted';
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        for (const { event, error } of state?.refused ?? [])
          conflicts.push({ id: event.id, person_id: p.personId, status: event.status, at: event.at, error });
        return {
          person_id: p.personId,
          household_id: p.householdId,
          status,
          at: state?.since ?? null,
          // The vehicle boarded and exit crossed, so a check-in screen can board and cross a household (ids only).
          ...(state?.vehicle === undefined ? {} : { vehicle: state.vehicle }),
          ...(state?.exit === undefined ? {} : { exit: state.exit }),
        };
      });
      return { json: { by_status: byStatus, people, conflicts } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/status/held',
    access: 'status.review',
    summary:
      'Late events held because they contradict accepted ones, with what they would displace and their resolution (audited)',
    responds:
      '{ held: [{ id, person_id, household_id, status, at, device, vehicle?, exit?, group?, note?, submitted_by, submitted_by_username, received_at, refusal, displaced: [{ id, status, at, device }], resolution: null | { kind, by, by_username, at, note?, superseded } }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'held status events review');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const held = await heldStatusEventsOf(request.store, ctx, scenario.id);
      if (!held.ok) throw heldProblemOf(held.error);
      return { json: { held: held.value.map(heldView) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/status/held/:id/resolve',
    access: 'status.resolve',
    summary:
      'Accept a held event into the log (re-judged now; the events it contradicts no longer apply) or dismiss it (audited)',
    params: z.strictObject({ id }),
    body: resolveBody,
    responds: '{ id, …, resolution: { kind, by, at, note?, superseded: [{ id, status, at, device }] } }',
    handler: async (request) => {
      const ctx = accessOf(request, 'held status event resolution');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { action, note } = request.body;
      const resolved = await resolveHeldEvent(request.store, ctx, scenario.id, request.params.id, {
        action,
        ...(note === undefined || note === '' ? {} : { note }),
      });
      if (!resolved.ok) throw heldProblemOf(resolved.error);
      return { json: heldView(resolved.value) };
    },
  }),
];

// Check-in and live status: devices post their queued status events (re-sending is harmless); anyone allowed reads the counts.
import { z } from 'zod';
import { deriveStatuses, STATUSES } from '../../core/operation/status.ts';
import { type DeviceEvent, recordStatusEvents, statusEventsOf } from '../../store/index.ts';
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
];

// Unknown arrivals: a device posts the people it met who are on no list (queued offline like check-ins); a coordinator matches them.
import { z } from 'zod';
import {
  type ArrivalError,
  matchUnknownArrival,
  recordUnknownArrivals,
  type StoredArrival,
  unknownArrivalsOf,
} from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const id = z.string().trim().min(1).max(200);
const name = z.string().trim().max(200).optional();

const arrivalBody = z
  .strictObject({
    id,
    place: id,
    at: z.string().regex(INSTANT, 'a time with an offset, e.g. 2018-07-21T22:00+03:00'),
    given_name: name,
    family_name: name,
    name_arabic: name,
    approx_age: z.number().int().min(0).max(120).optional(),
    sex: z.enum(['M', 'F', 'X']).optional(),
    persons: z.number().int().min(1).max(100).default(1),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((a) => Boolean(a.given_name || a.family_name || a.name_arabic || a.note), {
    message: 'a name (Latin or Arabic) or a note describing the person',
  });

const arrivalsBody = z.strictObject({
  device: id,
  arrivals: z.array(arrivalBody).min(1).max(500),
});

/** The store's error as the API's problem (one table). */
function problemOf(error: ArrivalError): ApiProblem {
  switch (error.kind) {
    case 'forbidden':
      return new ApiProblem('forbidden', `not allowed: ${error.action}`);
    case 'no-such-scenario':
      return new ApiProblem('no-scenario', 'import a scenario first');
    case 'no-such-arrival':
      return new ApiProblem('not-found', `no unknown arrival ${error.arrivalId}`);
    case 'no-such-household':
      return new ApiProblem('not-found', `no household ${error.householdId}`);
    case 'already-matched':
      return new ApiProblem('conflict', `already matched to ${error.householdId}`, {
        issues: [{ code: 'already-matched', message: `already matched to ${error.householdId}` }],
      });
    case 'household-refused':
      return new ApiProblem('conflict', 'the household cannot be checked in as a whole', {
        issues: error.batch.refused.map((r) => ({ path: r.id, code: r.error.kind, message: JSON.stringify(r.error) })),
      });
  }
}

function viewOf(a: StoredArrival) {
  return {
    id: a.id,
    place: a.place,
    at: a.at,
    given_name: a.givenName ?? null,
    family_name: a.familyName ?? null,
    name_arabic: a.nameArabic ?? null,
    approx_age: a.approxAge ?? null,
    sex: a.sex ?? null,
    persons: a.persons,
    note: a.note ?? null,
    matched_household_id: a.matchedHouseholdId ?? null,
    candidates: a.candidates.map((c) => ({
      household_id: c.householdId,
      person_ids: c.personIds,
      shared_keys: c.sharedKeys,
    })),
  };
}

export const arrivalRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/arrivals/unknown',
    access: 'situation.report',
    summary:
      'Record people who arrived but are on no list, for later matching (ids stored once; names sealed; audited)',
    body: arrivalsBody,
    responds: '{ accepted: [id], duplicates: [id] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'unknown arrival');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { device, arrivals } = request.body;
      const recorded = await recordUnknownArrivals(
        request.store,
        ctx,
        scenario.id,
        arrivals.map((a) => ({
          id: a.id,
          place: a.place,
          at: a.at,
          device,
          persons: a.persons,
          ...(a.given_name ? { givenName: a.given_name } : {}),
          ...(a.family_name ? { familyName: a.family_name } : {}),
          ...(a.name_arabic ? { nameArabic: a.name_arabic } : {}),
          ...(a.approx_age === undefined ? {} : { approxAge: a.approx_age }),
          ...(a.sex === undefined ? {} : { sex: a.sex }),
          ...(a.note ? { note: a.note } : {}),
        })),
      );
      if (!recorded.ok) throw problemOf(recorded.error);
      return { json: recorded.value };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/arrivals/unknown',
    access: 'person.search',
    summary: 'Unknown arrivals with candidate households from the registry (blind index of the matcher keys; audited)',
    responds:
      '{ arrivals: [{ id, place, at, given_name, family_name, name_arabic, approx_age, sex, persons, note, matched_household_id, candidates: [{ household_id, person_ids, shared_keys }] }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'unknown arrivals review');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const list = await unknownArrivalsOf(request.store, ctx, scenario.id);
      if (!list.ok) throw problemOf(list.error);
      return { json: { arrivals: list.value.map(viewOf) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/arrivals/unknown/:id/match',
    access: 'situation.report',
    summary: 'Link an unknown arrival to a household and check the household in at its time (all or none; audited)',
    params: z.strictObject({ id }),
    body: z.strictObject({ household_id: id }),
    responds: '{ accepted: [id], duplicates: [id], pending: [{ id, error }], refused: [{ id, error }] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'unknown arrival match');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const matched = await matchUnknownArrival(
        request.store,
        ctx,
        scenario.id,
        request.params.id,
        request.body.household_id,
      );
      if (!matched.ok) throw problemOf(matched.error);
      return { json: matched.value.batch };
    },
  }),
];

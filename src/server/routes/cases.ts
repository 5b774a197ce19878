// Cases: list (own, or shared with the liaison's government), read through the grant's fields, share field by field.
import { z } from 'zod';
import { type CaseError, listCases, PERSON_FIELDS, readCase, shareCase } from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { caseFacts, caseResourceOf } from '../data/case-resource.ts';
import { currentScenarios } from '../data/current-scenario.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';

const caseParams = z.strictObject({ id: z.string().min(1).max(100) });

const shareBody = z.strictObject({
  organisation_id: z.string().min(1).max(100),
  fields: z.array(z.enum(PERSON_FIELDS)).min(1).max(PERSON_FIELDS.length),
});

/** The store's case errors as problems (a case the reader may not see is "not found": no existence oracle). */
function caseProblem(error: CaseError): ApiProblem {
  switch (error.kind) {
    case 'forbidden':
      return error.reason === 'role-denied'
        ? new ApiProblem('forbidden', `not allowed: ${error.action}`)
        : new ApiProblem('not-found', 'no such case');
    case 'no-such-case':
      return new ApiProblem('not-found', 'no such case');
    case 'no-such-organisation':
      return new ApiProblem('invalid-request', `no organisation ${error.organisationId}`, {
        issues: [{ path: 'body.organisation_id', message: 'unknown organisation' }],
      });
    case 'field-not-grantable':
      return new ApiProblem('invalid-request', `these fields can never be shared: ${error.fields.join(', ')}`, {
        issues: [{ path: 'body.fields', message: `not grantable: ${error.fields.join(', ')}` }],
      });
    default:
      return new ApiProblem('internal', 'a record could not be opened');
  }
}

export const caseRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/cases',
    access: 'case.list',
    summary: "Cases the user may open: the organisation's own, or (a liaison) those shared with their government",
    responds: '{ cases: [ { case_id, household_id, status, size, shared_with } ] }',
    handler: async (request) => {
      const ctx = accessOf(request, 'case list');
      const cases: { caseId: string; householdId: string; status: string }[] = [];
      for (const scenarioId of await currentScenarios(request.store)) {
        const listed = await listCases(request.store, ctx, scenarioId);
        if (listed.ok) cases.push(...listed.value);
      }
      const facts = await caseFacts(
        request.store,
        cases.map((c) => c.caseId),
      );
      // Who else a case is shared with is the owner's business, not another government's.
      const showGrants = ctx.actor.role !== 'government_liaison';
      return {
        json: {
          cases: cases.map((c) => ({
            case_id: c.caseId,
            household_id: c.householdId,
            status: c.status,
            size: facts.get(c.caseId)?.size ?? 0,
            shared_with: showGrants ? (facts.get(c.caseId)?.sharedWith ?? []) : [],
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cases/:id',
    access: 'case.read',
    summary: 'One case with its members, each reduced to the fields the reader may see (audited)',
    params: caseParams,
    resource: (store, params) => caseResourceOf(store, params.id),
    responds: '{ case_id, household_id, members: [ person… ] }',
    handler: async (request) => {
      const read = await readCase(request.store, accessOf(request, 'case review'), request.params.id);
      if (!read.ok) throw caseProblem(read.error);
      return {
        json: { case_id: read.value.caseId, household_id: read.value.householdId, members: read.value.members },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/:id/share',
    access: 'case.share',
    summary: 'Share a case with another organisation, field by field (notes and provenance never)',
    params: caseParams,
    body: shareBody,
    resource: (store, params) => caseResourceOf(store, params.id),
    responds: '201 { grant_id }',
    handler: async (request) => {
      const shared = await shareCase(
        request.store,
        accessOf(request, 'sharing with a partner'),
        request.params.id,
        request.body.organisation_id,
        request.body.fields,
      );
      if (!shared.ok) throw caseProblem(shared.error);
      return { status: 201, json: { grant_id: shared.value.grantId } };
    },
  }),
];

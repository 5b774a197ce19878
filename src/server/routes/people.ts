// People search through the blind index; each hit is then read through its case, so the policy filters its fields.
import { z } from 'zod';
import { findPeople, readCase } from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { caseOfHousehold } from '../data/case-resource.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { defineRoute } from '../route.ts';

const ARABIC = /[\u0600-\u06FF]/;

const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A free-text query as the name fields the blind index is keyed on (first word given, last family, middle father). */
function probeOf(q: string) {
  if (ARABIC.test(q)) return { given_name: '', family_name: '', name_arabic: q };
  const words = q.split(/\s+/);
  if (words.length === 1) return { given_name: words[0] ?? '', family_name: words[0] ?? '' };
  return {
    given_name: words[0] ?? '',
    family_name: words[words.length - 1] ?? '',
    ...(words.length > 2 ? { father_name: words.slice(1, -1).join(' ') } : {}),
  };
}

export const peopleRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/people',
    access: 'person.search',
    summary: 'Find people by a Latin or Arabic spelling of their name (blind index; audited)',
    query: searchQuery,
    responds: '{ people: [ person fields as the policy allows ] }',
    handler: async (request) => {
      const { store, query } = request;
      const ctx = accessOf(request, 'person search');
      const scenario = await requireScenarioOf(store, ctx.actor.organisationId);
      const found = await findPeople(store, ctx, scenario.id, probeOf(query.q));
      if (!found.ok) return { json: { people: [] } };
      const people: unknown[] = [];
      const byHousehold = new Map<string, string[]>();
      for (const match of found.value.slice(0, query.limit)) {
        const list = byHousehold.get(match.householdId) ?? [];
        list.push(match.personId);
        byHousehold.set(match.householdId, list);
      }
      for (const [householdId, personIds] of byHousehold) {
        const caseId = await caseOfHousehold(store, scenario.id, householdId);
        if (caseId === undefined) continue;
        const read = await readCase(store, ctx, caseId);
        if (!read.ok) continue;
        for (const member of read.value.members)
          if (personIds.includes(String(member.person_id))) people.push({ case_id: caseId, ...member });
      }
      return { json: { people } };
    },
  }),
];

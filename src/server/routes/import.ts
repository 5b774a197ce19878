// POST /api/import: a people list as the request body (CSV text or XLSX bytes), all rows or none.
import { z } from 'zod';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { importPeopleList } from '../import/people-import.ts';
import { defineRoute } from '../route.ts';

const importQuery = z.strictObject({
  file: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, 'a file name, not a path')
    .default('upload.csv'),
  date_order: z.enum(['dmy', 'mdy']).optional(),
});

export const importRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/import',
    access: 'scenario.import',
    summary: 'Import a people list (body: CSV text or XLSX bytes); any row error rejects the whole file',
    bodyKind: 'bytes',
    query: importQuery,
    responds: '{ files, issues, written, scenario_id }; 422 import-rejected with row issues',
    handler: async (request) => {
      const ctx = accessOf(request, 'people list import');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const bytes = Buffer.from(await request.c.req.arrayBuffer());
      const report = await importPeopleList(request.store, ctx, scenario.id, {
        bytes,
        fileName: request.query.file,
        ...(request.query.date_order === undefined ? {} : { dateOrder: request.query.date_order }),
      });
      return { json: report };
    },
  }),
];

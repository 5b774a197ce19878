// Field reports: store one, re-plan (runs coalesce under load), answer with the plan and the households it moved or cut off.
import { z } from 'zod';
import { CHECKPOINT_STATUSES, RELIABILITY, REPORT_TARGETS } from '../../core/scenario/vocabulary.ts';
import type { AccessContext } from '../../store/index.ts';
import { accessOf } from '../access.ts';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { addFieldReport } from '../data/field-reports.ts';
import { requestPlan } from '../plan/run-stored-plan.ts';
import { defineRoute } from '../route.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = z
  .string()
  .regex(INSTANT, 'a time with an offset, e.g. 2018-07-21T22:00+03:00')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date and time');

const reportBody = z.strictObject({
  target_kind: z.enum(REPORT_TARGETS),
  target_id: z.string().min(1).max(200),
  new_status: z.enum(CHECKPOINT_STATUSES),
  observed_at: instant,
  expires_at: instant.optional(),
  source: z.string().min(1).max(200),
  reliability: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(RELIABILITY)),
  credibility: z.number().int().min(1).max(6),
  notes: z.string().max(2000).optional(),
});

export const situationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/situation/reports',
    access: 'situation.report',
    summary: 'Add a field report (Admiralty-rated), re-plan, and say which households changed route or lost it',
    body: reportBody,
    responds: '201 { report_id, plan, changes: { households_rerouted, stranded } }',
    handler: async (request) => {
      const ctx = accessOf(request, 'situation report');
      const scenario = await requireScenarioOf(request.store, ctx.actor.organisationId);
      const { notes, expires_at, ...rest } = request.body;
      const report = await addFieldReport(request.store, scenario.id, {
        ...rest,
        reported_at: request.now.toISOString(),
        ...(expires_at === undefined ? {} : { expires_at }),
        ...(notes === undefined ? {} : { notes }),
      });
      // A report re-plans whoever files it: the run reads every person (audited under the reporter's id, with
      // this purpose), though a field officer may not export the scenario themselves.
      const planner = (now: Date): AccessContext => ({
        ...ctx,
        actor: { ...ctx.actor, role: 'coordinator' },
        purpose: `re-plan after situation report ${report.id}`,
        now,
      });
      const result = await requestPlan(request.state, planner, scenario.id);
      return { status: 201, json: { report_id: report.id, plan: result.plan, changes: result.changes } };
    },
  }),
];

// The audit log for administrators: read the newest entries, verify the hash chain.
import { z } from 'zod';
import { verifyAudit } from '../../store/index.ts';
import { latestAuditEntries } from '../data/audit-entries.ts';
import { defineRoute } from '../route.ts';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    access: 'audit.read',
    summary: 'The newest audit entries',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    responds: '{ entries: [ { seq, at, actor, organisation, action, entity, entity_id, client, purpose } ] }',
    handler: async ({ store, query }) => ({ json: { entries: await latestAuditEntries(store, query.limit) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/audit/verify',
    access: 'audit.verify',
    summary: 'Re-compute the hash chain of the audit log',
    responds: '{ ok: true, rows } or { ok: false, break: { seq, reason } }',
    handler: async ({ store }) => {
      const verified = await verifyAudit(store);
      return {
        json: verified.ok
          ? { ok: true, rows: verified.rows }
          : { ok: false, break: { seq: verified.seq, reason: verified.kind } },
      };
    },
  }),
];

// The audit log as administrators read it: newest first, plain columns (it holds no personal field).
import type { Store } from '../../store/index.ts';

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string | null;
  readonly organisation: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly client: string;
  readonly purpose: string;
}

export async function latestAuditEntries(store: Store, limit: number): Promise<AuditRow[]> {
  const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.occurred_at).toISOString(),
    actor: r.actor_user_id,
    organisation: r.actor_organisation_id,
    action: r.action,
    entity: r.entity,
    entity_id: r.entity_id,
    client: r.client_address,
    purpose: r.purpose,
  }));
}

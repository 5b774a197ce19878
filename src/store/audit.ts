// The audit log: every access to personal data, hash-chained under a keyed HMAC so an edited, inserted or deleted row shows.
import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Keyring } from './keyring.ts';
import { GENESIS_HASH } from './migrations.ts';
import type { StoreSchema } from './schema.ts';
import type { Store } from './store.ts';

/** What happened to which record, by whom, from where and why. */
export interface AuditEntry {
  readonly actorUserId: string | null;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly clientAddress: string;
  readonly purpose: string;
  readonly at: Date;
}

/**
 * Appends entries to the chain inside the caller's transaction, so an access and its audit row commit or
 * roll back together. Locking the head row serialises appenders: the chain never forks.
 */
export async function appendAudit(
  trx: Transaction<StoreSchema>,
  keyring: Keyring,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = entries.map((e) => {
    seq += 1;
    const row = {
      seq,
      occurred_at: e.at.toISOString(),
      actor_user_id: e.actorUserId,
      actor_organisation_id: e.actorOrganisationId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      client_address: e.clientAddress,
      purpose: e.purpose,
      prev_hash: prevHash,
    };
    const hash = auditHash(keyring, row);
    prevHash = hash;
    return { ...row, hash };
  });
  // Batches keep one statement under PostgreSQL's 65535 bind parameters.
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 1000))
      .execute();
  await trx.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
}

interface HashedFields {
  readonly seq: number;
  readonly occurred_at: string;
  readonly actor_user_id: string | null;
  readonly actor_organisation_id: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly client_address: string;
  readonly purpose: string;
  readonly prev_hash: string;
}

/** HMAC-SHA-256 (audit key) over every column but the hash, in a fixed order: without the key no one can re-chain. */
function auditHash(keyring: Keyring, row: HashedFields): string {
  const content = JSON.stringify([
    row.seq,
    row.occurred_at,
    row.actor_user_id,
    row.actor_organisation_id,
    row.action,
    row.entity,
    row.entity_id,
    row.client_address,
    row.purpose,
    row.prev_hash,
  ]);
  return createHmac('sha256', keyring.audit).update(content, 'utf8').digest('hex');
}

/** Why the chain is broken at `seq`. */
export type AuditBreak =
  /** The row's content no longer matches its HMAC (edited, or forged without the key). */
  | { readonly kind: 'edited'; readonly seq: number }
  /** The row does not point at the row before it. */
  | { readonly kind: 'relinked'; readonly seq: number }
  /** Row(s) from `seq` are gone (a gap, or rows cut from the end). */
  | { readonly kind: 'missing'; readonly seq: number }
  /** A row beyond the chain's recorded head. */
  | { readonly kind: 'inserted'; readonly seq: number };

export type AuditVerification = { readonly ok: true; readonly rows: number } | ({ readonly ok: false } & AuditBreak);

/**
 * Re-computes the chain from the first row; reports the first row where it breaks.
 * @example const v = await verifyAudit(store); if (!v.ok) console.log(v.kind, v.seq);
 */
export async function verifyAudit(store: Store): Promise<AuditVerification> {
  return store.db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    const rows = await trx.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      if (row.seq < expectedSeq) return { ok: false, kind: 'inserted', seq: row.seq } as const;
      if (row.seq > expectedSeq) return { ok: false, kind: 'missing', seq: expectedSeq } as const;
      if (head === undefined || row.seq > head.seq) return { ok: false, kind: 'inserted', seq: row.seq } as const;
      const recomputed = auditHash(store.keyring, { ...row, occurred_at: new Date(row.occurred_at).toISOString() });
      if (recomputed !== row.hash) return { ok: false, kind: 'edited', seq: row.seq } as const;
      if (row.prev_hash !== prevHash) return { ok: false, kind: 'relinked', seq: row.seq } as const;
      prevHash = row.hash;
      expectedSeq += 1;
    }
    const headSeq = head?.seq ?? 0;
    if (headSeq >= expectedSeq) return { ok: false, kind: 'missing', seq: expectedSeq } as const;
    if (head !== undefined && head.hash !== prevHash) return { ok: false, kind: 'edited', seq: headSeq } as const;
    return { ok: true, rows: rows.length } as const;
  });
}

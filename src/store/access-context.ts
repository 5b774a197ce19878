// Who is asking, from where, why and when: passed to every data-access function, written to every audit row.
import type { AuditEntry } from './audit.ts';
import type { Action, Actor, Decision, Denial, Resource } from './policy.ts';
import { authorize } from './policy.ts';

export interface AccessContext {
  readonly actor: Actor;
  /** The client's network address as the HTTP layer saw it (or 'cli'). */
  readonly clientAddress: string;
  /** Why the data is accessed (ICRC: purpose limitation), e.g. 'case review', 'manifest for leg 2'. */
  readonly purpose: string;
  /** The time of the access: passed in, so tests and audit rows agree on it. */
  readonly now: Date;
}

/** The error every data-access function returns when the policy says no. */
export interface Forbidden {
  readonly kind: 'forbidden';
  readonly action: Action;
  readonly reason: Denial;
}

export function check(
  ctx: AccessContext,
  action: Action,
  resource: Resource,
): { ok: true; decision: Decision & { allowed: true } } | { ok: false; error: Forbidden } {
  const decision = authorize(ctx.actor, action, resource);
  return decision.allowed
    ? { ok: true, decision }
    : { ok: false, error: { kind: 'forbidden', action, reason: decision.reason } };
}

/** An audit entry for `ctx` doing `action` to one record. */
export function auditOf(ctx: AccessContext, action: string, entity: string, entityId: string): AuditEntry {
  return {
    actorUserId: ctx.actor.userId,
    actorOrganisationId: ctx.actor.organisationId,
    action,
    entity,
    entityId,
    clientAddress: ctx.clientAddress,
    purpose: ctx.purpose,
    at: ctx.now,
  };
}

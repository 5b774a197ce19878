// The one authorisation policy: deny by default; who may do what to which resource, and which person fields they then see.

export const STAFF_ROLES = ['administrator', 'coordinator', 'field_officer', 'government_liaison', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is asking (from an authenticated session). */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: StaffRole;
}

/** A case as the policy sees it: its owner and its live sharing grants. */
export interface CaseResource {
  readonly kind: 'case';
  readonly ownerOrganisationId: string;
  readonly grants: readonly { readonly organisationId: string; readonly fields: readonly string[] }[];
}

/** What an action is done to. */
export type Resource =
  /** The whole installation: users, backups, wipe, the audit chain. */
  | { readonly kind: 'system' }
  /** Something an organisation owns as a whole: its scenarios, plans, situation picture, person index. */
  | { readonly kind: 'organisation'; readonly organisationId: string }
  | CaseResource;

/**
 * How a role relates to a resource for an action: `deny`; `system` (any system resource); `own` (the
 * resource belongs to the actor's organisation); `shared` (a case shared with the actor's organisation,
 * seen through the grant's fields).
 */
export type Rule = 'deny' | 'system' | 'own' | 'shared';

/** Every action the API may perform, with its resource kind and one rule per role. */
export const ACTIONS = {
  'person.read': { resource: 'case', rules: rules('own', 'own', 'own', 'shared', 'own') },
  'person.write': { resource: 'case', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'person.search': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'case.list': { resource: 'organisation', rules: rules('own', 'own', 'own', 'own', 'own') },
  'case.read': { resource: 'case', rules: rules('own', 'own', 'own', 'shared', 'own') },
  'case.write': { resource: 'case', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'case.share': { resource: 'case', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'dedup.review': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'scenario.import': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'scenario.export': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'scenario.read': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'own') },
  'situation.read': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'own') },
  'situation.report': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  // Late check-ins held because they contradict accepted ones: field officers see them (their phones sent them),
  // coordinators settle them (accept rewrites what the live picture says; dismiss keeps it).
  'status.review': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'status.resolve': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'plan.run': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'plan.read': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'own') },
  'allocation.override': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  // Reconciliation per person (names through person.read); figures are counts only, and a government liaison's
  // "own" figures are its own country's pledge (the store narrows them to it and to the cases shared with it).
  'reconciliation.read': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'reconciliation.figures': { resource: 'organisation', rules: rules('own', 'own', 'own', 'own', 'own') },
  // Instructions to evacuees: coordinators issue and export the messages (they hold the codes); field officers read
  // the delivery state, record deliveries and verify codes at the assembly point; a government liaison sees none.
  'instruction.issue': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'instruction.export': { resource: 'organisation', rules: rules('own', 'own', 'deny', 'deny', 'deny') },
  'instruction.read': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'instruction.record': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'pickup-code.verify': { resource: 'organisation', rules: rules('own', 'own', 'own', 'deny', 'deny') },
  'user.manage': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
  'audit.read': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
  'audit.verify': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
  'store.backup': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
  'store.restore': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
  'store.wipe': { resource: 'system', rules: rules('system', 'deny', 'deny', 'deny', 'deny') },
} as const satisfies Record<string, { resource: Resource['kind']; rules: Record<StaffRole, Rule> }>;

export type Action = keyof typeof ACTIONS;

function rules(
  administrator: Rule,
  coordinator: Rule,
  field_officer: Rule,
  government_liaison: Rule,
  viewer: Rule,
): Record<StaffRole, Rule> {
  return { administrator, coordinator, field_officer, government_liaison, viewer };
}

/**
 * Fields a reader may be shown about the people of a case: the scenario's person columns plus what the
 * store knows about the case. Ids (person_id, household_id) are always shown: they are how rows are named.
 */
export const PERSON_FIELDS = [
  'given_name',
  'father_name',
  'family_name',
  'name_arabic',
  'sex',
  'birth_date',
  'birth_date_estimated',
  'relationship',
  'role',
  'phone',
  'phone_e164',
  'location',
  'resolved_location',
  'medical_needs',
  'flags',
  'notes',
  'source_list',
  'nationality',
  'doc_type',
  'doc_number',
  'household_size',
  'vetting_status',
  'case_status',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** Never shown to another organisation, whatever a grant says: informant notes and where a name came from. */
export const NEVER_SHARED: ReadonlySet<string> = new Set<PersonField>(['notes', 'source_list']);

/** A viewer sees who is in a case and where it stands, not how to reach them or where they are. */
export const VIEWER_FIELDS: ReadonlySet<PersonField> = new Set<PersonField>([
  'given_name',
  'family_name',
  'sex',
  'relationship',
  'household_size',
  'vetting_status',
  'case_status',
]);

/** Fields always visible to anyone allowed to see a record. */
export const ID_FIELDS: ReadonlySet<string> = new Set(['person_id', 'household_id']);

export type Denial =
  | 'unknown-action'
  | 'role-denied'
  | 'wrong-resource'
  | 'other-organisation'
  | 'not-shared'
  | 'no-fields-granted';

export type Decision =
  | { readonly allowed: true; readonly fields: 'all' | ReadonlySet<string> }
  | { readonly allowed: false; readonly reason: Denial };

/**
 * The policy, as a pure function. Everything not allowed by ACTIONS is denied.
 * @example authorize(liaison, 'case.read', caseResource) // { allowed: true, fields: Set { 'given_name', … } }
 */
export function authorize(actor: Actor, action: string, resource: Resource): Decision {
  if (!Object.hasOwn(ACTIONS, action)) return { allowed: false, reason: 'unknown-action' };
  const spec = ACTIONS[action as Action];
  if (!STAFF_ROLES.includes(actor.role)) return { allowed: false, reason: 'role-denied' };
  const rule: Rule = spec.rules[actor.role];
  if (rule === 'deny') return { allowed: false, reason: 'role-denied' };
  if (resource.kind !== spec.resource) return { allowed: false, reason: 'wrong-resource' };
  const fullFields = actor.role === 'viewer' ? VIEWER_FIELDS : 'all';
  switch (rule) {
    case 'system':
      return { allowed: true, fields: fullFields };
    case 'own': {
      const owner =
        resource.kind === 'case'
          ? resource.ownerOrganisationId
          : (resource as { organisationId?: string }).organisationId;
      return owner === actor.organisationId
        ? { allowed: true, fields: fullFields }
        : { allowed: false, reason: 'other-organisation' };
    }
    case 'shared': {
      if (resource.kind !== 'case') return { allowed: false, reason: 'wrong-resource' };
      const granted = new Set<string>();
      for (const grant of resource.grants) {
        if (grant.organisationId !== actor.organisationId) continue;
        for (const field of grant.fields) if (!NEVER_SHARED.has(field)) granted.add(field);
      }
      if (!resource.grants.some((g) => g.organisationId === actor.organisationId))
        return { allowed: false, reason: 'not-shared' };
      if (granted.size === 0) return { allowed: false, reason: 'no-fields-granted' };
      return { allowed: true, fields: granted };
    }
  }
}

/**
 * Keeps only the fields a decision allows (ids always). Apply it to every person view that leaves the store.
 * @example filterFields({ person_id: 'p1', given_name: 'Omar', notes: '…' }, decision) // { person_id: 'p1', given_name: 'Omar' }
 */
export function filterFields<T extends Readonly<Record<string, unknown>>>(
  view: T,
  decision: Decision & { allowed: true },
): Partial<T> {
  if (decision.fields === 'all') return { ...view };
  const kept: Partial<T> = {};
  for (const key of Object.keys(view) as (keyof T & string)[]) {
    if (ID_FIELDS.has(key) || decision.fields.has(key)) kept[key] = view[key];
  }
  return kept;
}

/** Whether `fields` may be put in a grant at all (the store refuses grants of never-shared or unknown fields). */
export function ungrantableFields(fields: readonly string[]): string[] {
  const known = new Set<string>(PERSON_FIELDS);
  return fields.filter((f) => NEVER_SHARED.has(f) || !known.has(f));
}

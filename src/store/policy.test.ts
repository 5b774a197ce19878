// The policy over every action × role: the table of expected outcomes below is the specification.
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  type Actor,
  authorize,
  filterFields,
  type Resource,
  STAFF_ROLES,
  type StaffRole,
  ungrantableFields,
} from './policy.ts';

const actor = (role: StaffRole, organisationId = 'ngo-1'): Actor => ({ userId: `u-${role}`, organisationId, role });

const ownCase: Resource = { kind: 'case', ownerOrganisationId: 'ngo-1', grants: [] };
const sharedCase = (organisationId: string): Resource => ({
  kind: 'case',
  ownerOrganisationId: 'ngo-2',
  grants: [{ organisationId, fields: ['given_name', 'family_name', 'household_size', 'vetting_status', 'notes'] }],
});

/** Expected outcome for the actor's own resource: A allowed, - denied. Columns: admin, coord, field, liaison, viewer. */
const OWN: Record<Action, string> = {
  'person.read': 'AAA-A',
  'person.write': 'AAA--',
  'person.search': 'AAA--',
  'case.list': 'AAAAA',
  'case.read': 'AAA-A',
  'case.write': 'AAA--',
  'case.share': 'AA---',
  'dedup.review': 'AA---',
  'scenario.import': 'AA---',
  'scenario.export': 'AA---',
  'scenario.read': 'AAA-A',
  'situation.read': 'AAA-A',
  'situation.report': 'AAA--',
  'status.review': 'AAA--',
  'status.resolve': 'AA---',
  'plan.run': 'AA---',
  'plan.read': 'AAA-A',
  'allocation.override': 'AA---',
  'reconciliation.read': 'AAA--',
  'reconciliation.figures': 'AAAAA',
  'instruction.issue': 'AA---',
  'instruction.export': 'AA---',
  'instruction.read': 'AAA--',
  'instruction.record': 'AAA--',
  'pickup-code.verify': 'AAA--',
  'user.manage': 'A----',
  'audit.read': 'A----',
  'audit.verify': 'A----',
  'store.backup': 'A----',
  'store.restore': 'A----',
  'store.wipe': 'A----',
};

function ownResource(action: Action): Resource {
  const kind = ACTIONS[action].resource;
  return kind === 'case'
    ? ownCase
    : kind === 'system'
      ? { kind: 'system' }
      : { kind: 'organisation', organisationId: 'ngo-1' };
}

describe('authorize', () => {
  it('has an expected row for every action (a new action without one fails here)', () => {
    expect(Object.keys(OWN).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  const cells = (Object.keys(ACTIONS) as Action[]).flatMap((action) =>
    STAFF_ROLES.map((role, i) => ({ action, role, allowed: OWN[action][i] === 'A' })),
  );
  it.each(cells)('$role → $action on its own organisation: allowed=$allowed', ({ action, role, allowed }) => {
    expect(authorize(actor(role), action, ownResource(action)).allowed).toBe(allowed);
  });

  it.each(cells.filter((c) => ACTIONS[c.action].resource !== 'system'))(
    '$role → $action on another organisation is denied unless shared',
    ({ action, role }) => {
      const resource = ownResource(action);
      const foreign: Resource =
        resource.kind === 'case'
          ? { ...resource, ownerOrganisationId: 'ngo-2' }
          : { kind: 'organisation', organisationId: 'ngo-2' };
      expect(authorize(actor(role), action, foreign).allowed).toBe(false);
    },
  );

  it('denies unknown actions and mismatched resources', () => {
    expect(authorize(actor('administrator'), 'case.delete-everything', ownCase)).toEqual({
      allowed: false,
      reason: 'unknown-action',
    });
    expect(authorize(actor('administrator'), 'case.read', { kind: 'system' })).toEqual({
      allowed: false,
      reason: 'wrong-resource',
    });
    expect(authorize({ ...actor('viewer'), role: 'superuser' as StaffRole }, 'case.read', ownCase).allowed).toBe(false);
  });
});

describe('sharing with a government', () => {
  const liaison = actor('government_liaison', 'gov-de');

  it('shows a liaison only the granted fields, never notes', () => {
    const decision = authorize(liaison, 'case.read', sharedCase('gov-de'));
    expect(decision.allowed && [...(decision.fields as Set<string>)].sort()).toEqual([
      'family_name',
      'given_name',
      'household_size',
      'vetting_status',
    ]);
    if (!decision.allowed) return;
    const view = {
      person_id: 'p1',
      household_id: 'h1',
      given_name: 'Omar',
      family_name: 'Hariri',
      notes: 'informant',
      phone: '+963',
    };
    expect(filterFields(view, decision)).toEqual({
      person_id: 'p1',
      household_id: 'h1',
      given_name: 'Omar',
      family_name: 'Hariri',
    });
  });

  it('denies a liaison of another government, and any write', () => {
    expect(authorize(liaison, 'case.read', sharedCase('gov-ca'))).toEqual({ allowed: false, reason: 'not-shared' });
    expect(authorize(liaison, 'case.write', sharedCase('gov-de')).allowed).toBe(false);
    expect(authorize(actor('coordinator', 'gov-de'), 'case.read', sharedCase('gov-de')).allowed).toBe(false);
  });

  it('refuses grants of notes or unknown fields', () => {
    expect(ungrantableFields(['given_name', 'notes', 'source_list', 'shoe_size'])).toEqual([
      'notes',
      'source_list',
      'shoe_size',
    ]);
  });

  it('gives a viewer the summary fields only', () => {
    const decision = authorize(actor('viewer'), 'case.read', ownCase);
    expect(decision.allowed && decision.fields !== 'all' && decision.fields.has('phone')).toBe(false);
    expect(decision.allowed && decision.fields !== 'all' && decision.fields.has('given_name')).toBe(true);
  });
});

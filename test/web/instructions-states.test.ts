// The instructions screen's states: a household withdrawn after it was told is shown as "withdrawn — tell not to
// come" (its own filter and count), not as "changed since sent"; once told, or if never told, its server state.
import { describe, expect, it } from 'vitest';
import type { InstructionsView } from '../../web/src/api/types.ts';
import { shownState, shownTotals } from '../../web/src/screens/instructions/shown-state.ts';

type Row = InstructionsView['households'][number];
const row = (household_id: string, state: Row['state'], withdrawn: boolean): Row => ({
  household_id,
  persons: 2,
  state,
  withdrawn,
  assembly_point: withdrawn ? null : 'ap-nawa',
  window_from: null,
  window_to: null,
  language: 'ar',
  parts: 2,
  has_phone: true,
  change: withdrawn ? 'withdrawn' : 'changed',
  changed_fields: [],
  last: null,
});

describe('instruction states as shown', () => {
  it('names a told, withdrawn household "withdrawn" until its notice is recorded; never-told ones stay not issued', () => {
    expect(shownState(row('h1', 'changed_since_sent', true))).toBe('withdrawn');
    expect(shownState(row('h1', 'sent', true))).toBe('sent');
    expect(shownState(row('h2', 'not_issued', true))).toBe('not_issued');
    expect(shownState(row('h3', 'changed_since_sent', false))).toBe('changed_since_sent');
  });

  it('counts the withdrawn apart from the changed, the totals still adding up to every household', () => {
    const households = [
      row('h1', 'changed_since_sent', true),
      row('h2', 'changed_since_sent', false),
      row('h3', 'not_issued', true),
      row('h4', 'sent', true),
    ];
    const view: InstructionsView = {
      households,
      totals: { not_issued: 1, issued: 0, sent: 1, acknowledged: 0, refused: 0, changed_since_sent: 2 },
      not_yet_told: ['h1', 'h2'],
      last_issue: null,
    };
    const totals = Object.fromEntries(shownTotals(view));
    expect(totals).toMatchObject({ changed_since_sent: 1, withdrawn: 1, not_issued: 1, sent: 1 });
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(households.length);
  });
});

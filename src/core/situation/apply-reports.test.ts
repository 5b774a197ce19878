// Field reports change checkpoints as a careful analyst would: newest first, corroborated, never opened by rumour.
import { describe, expect, it } from 'vitest';
import { reportConfidence } from './admiralty.ts';
import { applyReports, type CheckpointReport, type CheckpointState } from './apply-reports.ts';

const closed: CheckpointState = { id: 'cp1', status: 'closed', confidence: 0.8, reportedAt: '2018-07-21T06:00:00Z' };
const report = (over: Partial<CheckpointReport>): CheckpointReport => ({
  id: 'r',
  targetId: 'cp1',
  newStatus: 'open',
  observedAt: '2018-07-21T08:00:00Z',
  source: 'S1',
  reliability: 'b',
  credibility: 2,
  ...over,
});

describe('applyReports', () => {
  it('rates reports on the Admiralty scale', () => {
    expect(reportConfidence('A', 1)).toBeCloseTo(0.95);
    expect(reportConfidence('b', 2)).toBeCloseTo(0.64);
    expect(reportConfidence('F', 6)).toBeCloseTo(0.09);
  });

  it('a lone F6 report of "open" does not open a closed checkpoint', () => {
    const r = applyReports([closed], [report({ reliability: 'f', credibility: 6 })], { asOf: '2018-07-21T12:00:00Z' });
    expect(r.states[0]).toMatchObject({ status: 'closed', confidence: 0.8 });
    expect(r.outcomes[0]).toMatchObject({ effect: 'ignored-weak-opening' });
  });

  it('a weak report of "closed" is applied: danger is believed sooner than safety', () => {
    const open: CheckpointState = { ...closed, status: 'open' };
    const r = applyReports([open], [report({ newStatus: 'closed', reliability: 'f', credibility: 6 })], {
      asOf: '2018-07-21T12:00:00Z',
    });
    expect(r.states[0]).toMatchObject({ status: 'closed' });
    expect(r.states[0]!.confidence).toBeCloseTo(0.09);
  });

  it('a good newer report replaces the state; an older one is ignored', () => {
    const r = applyReports(
      [closed],
      [report({ id: 'new' }), report({ id: 'old', observedAt: '2018-07-21T05:00:00Z', newStatus: 'unknown' })],
      { asOf: '2018-07-21T12:00:00Z' },
    );
    expect(r.states[0]).toMatchObject({ status: 'open', reportedAt: '2018-07-21T08:00:00.000Z' });
    expect(r.outcomes.map((o) => `${o.reportId}:${o.effect}`)).toEqual(['old:ignored-older', 'new:applied']);
  });

  it('a second source confirming within the window raises confidence; the same source does not', () => {
    const open: CheckpointState = { ...closed, status: 'open', confidence: 0.5 };
    const r = applyReports(
      [open],
      [
        report({ id: 'a', source: 'S1' }),
        report({ id: 'b', source: 'S1', observedAt: '2018-07-21T08:30:00Z' }),
        report({ id: 'c', source: 'S2', observedAt: '2018-07-21T09:00:00Z' }),
      ],
      { asOf: '2018-07-21T12:00:00Z' },
    );
    expect(r.outcomes.map((o) => o.effect)).toEqual(['corroborated', 'applied', 'corroborated']);
    expect(r.states[0]!.confidence).toBeCloseTo(1 - (1 - 0.64) * (1 - 0.64));
  });

  it('reports after the planning time are pending events; expired ones are ignored', () => {
    const r = applyReports(
      [closed],
      [
        report({ id: 'later', observedAt: '2018-07-22T02:10:00Z' }),
        report({ id: 'stale', expiresAt: '2018-07-21T09:00:00Z' }),
      ],
      { asOf: '2018-07-21T12:00:00Z' },
    );
    expect(r.outcomes.map((o) => `${o.reportId}:${o.effect}`)).toEqual(['stale:ignored-expired', 'later:pending']);
    expect(r.states[0]!.status).toBe('closed');
  });
});

// The risk model on a hand-made two-road network with known answers: decay, per-profile choice, cut-off, areas.
import { describe, expect, it } from 'vitest';
import { RoadGraphBuilder } from '../../graph/build.ts';
import { INF_WEIGHT } from '../../graph/road-graph.ts';
import { buildSnapIndex } from '../../graph/snap.ts';
import { DijkstraQuery } from '../dijkstra.ts';
import { assessCheckpoint, type Checkpoint, DEFAULT_RISK_PARAMETERS } from './checkpoint.ts';
import { explainCutOff } from './cut-off.ts';
import { groupProfile } from './profiles.ts';
import { buildRiskSituation, profileMetric } from './risk-metric.ts';
import { reportRoute } from './route-report.ts';

const NOW = '2018-07-21T12:00:00+03:00';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

function checkpoint(overrides: Partial<Checkpoint>): Checkpoint {
  return {
    id: 'cp1',
    name: 'Saida junction',
    lat: 0,
    lon: 0.005,
    controller: 'gov',
    kind: 'checkpoint',
    status: 'open',
    confidence: 1,
    reportedAt: NOW,
    riskByProfile: { military_age_man: 0.3, woman: 0.02, child: 0.02, elderly: 0.05, medical: 0.1 },
    ...overrides,
  };
}

/** S —(direct, 100 s + 100 s)— T along the equator via M1; a detour via M2 takes 150 s + 150 s. */
function twoRoads() {
  const b = new RoadGraphBuilder();
  const s = b.addNode(0, 0);
  const m1 = b.addNode(0, 0.01);
  const t = b.addNode(0, 0.02);
  const m2 = b.addNode(0.01, 0.01);
  for (const [u, v, ds] of [
    [s, m1, 1000],
    [m1, t, 1000],
    [s, m2, 1500],
    [m2, t, 1500],
  ] as const) {
    b.addArc(u, v, 1112, ds, 2);
    b.addArc(v, u, 1112, ds, 2);
  }
  return { graph: b.build(), s, t };
}

describe('groupProfile', () => {
  it('takes the most restrictive member profile, in a configurable order', () => {
    expect(groupProfile(['woman', 'child', 'military_age_man'])).toEqual({ ok: true, value: 'military_age_man' });
    expect(groupProfile(['woman', 'elderly'])).toEqual({ ok: true, value: 'elderly' });
    expect(groupProfile(['woman', 'elderly'], ['woman', 'elderly'])).toEqual({ ok: true, value: 'woman' });
    expect(groupProfile([])).toMatchObject({ ok: false, error: { kind: 'empty-group' } });
    expect(groupProfile(['goat'])).toMatchObject({ ok: false, error: { kind: 'unknown-profile', profile: 'goat' } });
  });
});

describe('assessCheckpoint', () => {
  const now = Date.parse(NOW);
  const p = DEFAULT_RISK_PARAMETERS; // half-life 24 h, unknown 0.5, max 0.35
  it('mixes a decayed report with the unknown-status risk (worked example of docs/risk-model.md)', () => {
    const fresh = assessCheckpoint(checkpoint({ confidence: 0.9 }), 'woman', now, p);
    expect(fresh.risk).toBeCloseTo(0.9 * 0.02 + 0.1 * 0.5, 12); // 0.068
    expect(fresh.verdict).toBe('passable');
    const dayOld = assessCheckpoint(checkpoint({ confidence: 0.9, reportedAt: hoursBefore(24) }), 'woman', now, p);
    expect(dayOld.effectiveConfidence).toBeCloseTo(0.45, 12);
    expect(dayOld.risk).toBeCloseTo(0.45 * 0.02 + 0.55 * 0.5, 12); // 0.284
    // An unconfirmed 3-day-old "open" is not an open: 0.9 / 8 confidence left → risk 0.44 > 0.35.
    const stale = assessCheckpoint(checkpoint({ confidence: 0.9, reportedAt: hoursBefore(72) }), 'woman', now, p);
    expect(stale.risk).toBeCloseTo(0.1125 * 0.02 + 0.8875 * 0.5, 12);
    expect(stale.verdict).toBe('too-risky');
  });

  it('never prices a checkpoint below its own risk, and lets a stale "closed" decay to priced', () => {
    const man = assessCheckpoint(
      checkpoint({ riskByProfile: { military_age_man: 0.7 }, confidence: 0.2 }),
      'military_age_man',
      now,
      p,
    );
    expect(man.risk).toBeCloseTo(0.7, 12);
    expect(assessCheckpoint(checkpoint({ status: 'closed', confidence: 0.8 }), 'woman', now, p).verdict).toBe('closed');
    const oldClosed = assessCheckpoint(
      checkpoint({ status: 'closed', confidence: 0.8, reportedAt: hoursBefore(48) }),
      'woman',
      now,
      p,
    );
    expect(oldClosed.verdict).toBe('too-risky');
    expect(oldClosed.risk).toBeCloseTo(0.2 * 1 + 0.8 * 0.5, 12);
    const future = assessCheckpoint(checkpoint({ reportedAt: '2018-07-22T00:00:00Z' }), 'woman', now, p);
    expect(future.effectiveConfidence).toBe(1);
  });
});

describe('profileMetric and reportRoute', () => {
  const { graph, s, t } = twoRoads();
  const snapIndex = buildSnapIndex(graph);
  const query = new DijkstraQuery(graph);

  it('sends a woman through a low-risk checkpoint and a military-age man around it', () => {
    const situation = buildRiskSituation(snapIndex, { checkpoints: [checkpoint({})], now: NOW });
    // Both directions of the road carry the checkpoint.
    expect(situation.checkpointArcs.checkpointAt.length).toBe(2);
    const woman = profileMetric(situation, 'woman');
    const womanPath = query.run(s, t, woman.weights);
    // 200 s + 3600 s × −ln(1 − 0.02) = 200 + 72.7 s
    expect(womanPath.distance).toBe(2000 + Math.round(36_000 * -Math.log(0.98)));
    const report = reportRoute(situation, woman, womanPath.arcs, s);
    expect(report).toMatchObject({ distanceM: 2224, durationS: 200, checkpoints: [{ id: 'cp1', risk: 0.02 }] });
    expect(report.risk).toBeCloseTo(0.02, 12);
    expect(report.geometry.coordinates).toEqual([
      [0, 0],
      [0.01, 0],
      [0.02, 0],
    ]);
    const man = profileMetric(situation, 'military_age_man');
    const manReport = reportRoute(situation, man, query.run(s, t, man.weights).arcs, s);
    expect(manReport).toMatchObject({ durationS: 300, risk: 0, checkpoints: [] });
  });

  it('makes a closed checkpoint impassable and explains a cut-off by the checkpoints on the quickest way', () => {
    const closedDirect = checkpoint({ status: 'closed' });
    const closedDetour = checkpoint({
      id: 'cp2',
      name: 'Detour roadblock',
      kind: 'roadblock',
      status: 'closed',
      lat: 0.005,
      lon: 0.005,
    });
    const situation = buildRiskSituation(snapIndex, { checkpoints: [closedDirect, closedDetour], now: NOW });
    const woman = profileMetric(situation, 'woman');
    expect(Array.from(woman.weights).filter((w) => w === INF_WEIGHT).length).toBe(4);
    expect(query.run(s, t, woman.weights).distance).toBe(INF_WEIGHT);
    const cutOff = explainCutOff(situation, woman, s, (w) => {
      const path = query.run(s, t, w);
      return path.distance < INF_WEIGHT ? path.arcs : undefined;
    });
    expect(cutOff).toEqual({
      kind: 'unreachable',
      profile: 'woman',
      cutBy: [{ kind: 'checkpoint', id: 'cp1', name: 'Saida junction', reason: 'closed', risk: 1 }],
    });
  });

  it('charges control-area risk per kilometre and reports it in the route risk', () => {
    // An area over the direct road: 10 % per km for everyone → 1 − 0.9^1.112 per arc.
    const area = {
      id: 'a1',
      name: 'Western Daraa',
      controller: 'gov',
      polygons: [
        [
          [
            [-0.001, -0.001],
            [0.021, -0.001],
            [0.021, 0.001],
            [-0.001, 0.001],
            [-0.001, -0.001],
          ] as [number, number][],
        ],
      ],
      riskPerKmByProfile: { woman: 0.1 },
    };
    const situation = buildRiskSituation(snapIndex, {
      checkpoints: [],
      controlAreas: [area],
      now: NOW,
      parameters: { riskWeightS: 600 },
    });
    const woman = profileMetric(situation, 'woman');
    // 600 s × −ln(0.9) × 2.224 km = 140.6 s of risk cost on the direct road, more than the 100 s detour.
    const path = query.run(s, t, woman.weights);
    expect(reportRoute(situation, woman, path.arcs, s)).toMatchObject({ durationS: 300, risk: 0 });
    const direct = query.run(s, t, graph.travelTimeDs);
    const directReport = reportRoute(situation, woman, direct.arcs, s);
    expect(directReport.durationS).toBe(200);
    expect(directReport.risk).toBeCloseTo(1 - 0.9 ** 2.224, 3);
  });
});

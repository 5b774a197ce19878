// Why a group has no acceptable route: the closed or too-risky checkpoints and areas that stand on the best way through.
import { INF_WEIGHT } from '../../graph/road-graph.ts';
import type { ProfileMetric, RiskSituation } from './risk-metric.ts';
import { reportRoute } from './route-report.ts';

export interface CutPoint {
  readonly kind: 'checkpoint' | 'control-area';
  readonly id: string;
  readonly name: string;
  readonly reason: 'closed' | 'too-risky';
  readonly risk: number;
}

/** The domain error of a route request with no acceptable answer. `cutBy` is empty when no road connects at all. */
export interface CutOff {
  readonly kind: 'unreachable';
  readonly profile: string;
  readonly cutBy: readonly CutPoint[];
  /**
   * Set when a road exists but even the best route's combined risk is over the limit although no single point on it
   * is: the checkpoints and areas are too risky together.
   */
  readonly bestRouteRisk?: number;
}

/**
 * Re-routes with every blocked arc opened at its plain travel time, and lists the blocked checkpoints and areas on
 * that route: the points that, if they opened, would let the group through on the quickest way.
 * `findPath` is the engine: it returns the arcs of the best path under the given weights, or undefined.
 * @example explainCutOff(situation, metric, source, (w) => { engine.setWeights(w); const r = engine.route(s, t); return r.ok ? r.value.arcs : undefined; })
 */
export function explainCutOff(
  situation: RiskSituation,
  metric: ProfileMetric,
  source: number,
  findPath: (weights: Uint32Array) => Uint32Array | undefined,
): CutOff {
  const { graph } = situation;
  const opened = metric.weights.slice();
  for (let a = 0; a < graph.arcCount; a++) if (opened[a]! >= INF_WEIGHT) opened[a] = graph.travelTimeDs[a]!;
  const arcs = findPath(opened);
  if (arcs === undefined) return { kind: 'unreachable', profile: metric.profile, cutBy: [] };
  return { kind: 'unreachable', profile: metric.profile, cutBy: cutPointsOn(situation, metric, arcs, source) };
}

/**
 * The points on a route that make it unacceptable: blocked checkpoints and too-risky area stretches; when each
 * is acceptable alone but together they exceed the maximum, every checkpoint passed is listed as 'too-risky'.
 */
export function cutPointsOn(
  situation: RiskSituation,
  metric: ProfileMetric,
  arcs: Uint32Array,
  source: number,
): CutPoint[] {
  const report = reportRoute(situation, metric, arcs, source);
  const cut: CutPoint[] = report.checkpoints
    .filter((c) => c.verdict !== 'passable')
    .map((c) => ({
      kind: 'checkpoint',
      id: c.id,
      name: c.name,
      reason: c.verdict === 'closed' ? 'closed' : 'too-risky',
      risk: c.risk,
    }));
  const areas = new Map<number, number>();
  for (const a of arcs) {
    const area = situation.areaOfArc[a]!;
    if (area >= 0 && metric.arcAreaRisk[a]! > situation.parameters.maxAcceptableRisk) {
      areas.set(area, Math.max(areas.get(area) ?? 0, metric.arcAreaRisk[a]!));
    }
  }
  for (const [index, risk] of areas) {
    const area = situation.areas[index]!;
    cut.push({ kind: 'control-area', id: area.id, name: area.name, reason: 'too-risky', risk });
  }
  if (cut.length === 0 && report.risk > situation.parameters.maxAcceptableRisk) {
    for (const c of report.checkpoints)
      cut.push({ kind: 'checkpoint', id: c.id, name: c.name, reason: 'too-risky', risk: c.risk });
  }
  return cut;
}

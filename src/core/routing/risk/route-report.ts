// What a coordinator sees of a route: distance, duration, combined risk, each checkpoint passed and its risk, geometry.
import type { ProfileMetric, RiskSituation } from './risk-metric.ts';

export interface PassedCheckpoint {
  readonly id: string;
  readonly name: string;
  readonly controller: string;
  /** Risk this checkpoint poses to the routed profile now. */
  readonly risk: number;
  readonly verdict: 'passable' | 'closed' | 'too-risky';
}

export interface GeoJsonLineString {
  readonly type: 'LineString';
  /** [lon, lat] pairs, rounded to 1e-6 degrees (~10 cm). */
  readonly coordinates: [number, number][];
}

export interface RouteReport {
  readonly distanceM: number;
  readonly durationS: number;
  /** 1 − Π(1 − pᵢ) over the distinct checkpoints passed and the control-area stretches driven. */
  readonly risk: number;
  /** In the order they are passed, each once. */
  readonly checkpoints: readonly PassedCheckpoint[];
  readonly geometry: GeoJsonLineString;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Reports the route given by its arcs (as the engine returns them), with risks for the metric's profile.
 * @example reportRoute(situation, metric, path.arcs, startNode)
 */
export function reportRoute(
  situation: RiskSituation,
  metric: ProfileMetric,
  arcs: Uint32Array,
  startNode: number,
): RouteReport {
  const { graph, tail, checkpoints } = situation;
  const { firstCheckpoint, checkpointAt } = situation.checkpointArcs;
  let distanceM = 0;
  let durationDs = 0;
  let survive = 1;
  const passed: PassedCheckpoint[] = [];
  const seen = new Set<number>();
  const coordinates: [number, number][] = [[round6(graph.lon[startNode]!), round6(graph.lat[startNode]!)]];
  for (const a of arcs) {
    distanceM += graph.lengthM[a]!;
    durationDs += graph.travelTimeDs[a]!;
    survive *= 1 - metric.arcAreaRisk[a]!;
    for (let i = firstCheckpoint[a]!; i < firstCheckpoint[a + 1]!; i++) {
      const index = checkpointAt[i]!;
      if (seen.has(index)) continue;
      seen.add(index);
      const checkpoint = checkpoints[index]!;
      const { risk, verdict } = metric.assessments[index]!;
      survive *= 1 - risk;
      passed.push({ id: checkpoint.id, name: checkpoint.name, controller: checkpoint.controller, risk, verdict });
    }
    if (graph.firstShape) {
      for (let s = graph.firstShape[a]!; s < graph.firstShape[a + 1]!; s++) {
        coordinates.push([round6(graph.shapeLon![s]!), round6(graph.shapeLat![s]!)]);
      }
    }
    coordinates.push([round6(graph.lon[graph.head[a]!]!), round6(graph.lat[graph.head[a]!]!)]);
  }
  if (arcs.length > 0 && tail[arcs[0]!] !== startNode) throw new Error('route does not start at its start node');
  // A LineString needs two positions, even for a route that does not move.
  if (coordinates.length === 1) coordinates.push(coordinates[0]!);
  return {
    distanceM,
    durationS: durationDs / 10,
    risk: 1 - survive,
    checkpoints: passed,
    geometry: { type: 'LineString', coordinates },
  };
}

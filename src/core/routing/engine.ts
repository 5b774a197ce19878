// The routing facade the product uses: one CCH preprocessing, re-weighted per profile or situation change.

import type { RoadGraph } from '../graph/road-graph.ts';
import { INF_WEIGHT } from '../graph/road-graph.ts';
import { undirectedFromArcs } from '../graph/undirected-graph.ts';
import { err, ok, type Result } from '../result.ts';
import { type AlternativeOptions, AlternativeRouter, type RouteArcs } from './alternatives.ts';
import { CchMetric } from './cch/cch-metric.ts';
import { CchQuery } from './cch/cch-query.ts';
import { CchTopology } from './cch/cch-topology.ts';
import { computeNestedDissectionOrder } from './cch/nested-dissection-order.ts';

export type { AlternativeOptions, RouteArcs } from './alternatives.ts';

/** No route exists under the current weights (closed or forbidden arcs cut the way). */
export interface UnreachableError {
  readonly kind: 'unreachable';
  readonly from: number;
  readonly to: number;
}

export interface RoutingEngine {
  /** Replaces all arc weights (one per input arc, INF_WEIGHT = closed) and customizes fully. */
  setWeights(weights: Uint32Array): void;
  /** Sets `arcIds[i]` to `weights[i]` and re-customizes only what those arcs affect. */
  updateWeights(arcIds: ArrayLike<number>, weights: ArrayLike<number>): void;
  /** Shortest route between two nodes under the current weights. */
  route(from: number, to: number): Result<RouteArcs, UnreachableError>;
  /** Up to k different routes, best first (see AlternativeRouter for the method); empty when unreachable. */
  alternatives(from: number, to: number, k?: number, options?: AlternativeOptions): RouteArcs[];
  readonly topology: CchTopology;
}

export interface RoutingEngineOptions {
  /** A precomputed node order (order[rank] = node), e.g. loaded from a cache; computed when absent. */
  readonly order?: Uint32Array;
  /** Initial weights (default: graph.travelTimeDs). */
  readonly weights?: Uint32Array;
}

/**
 * Builds the CCH of `graph` (order from its coordinates, projected equirectangularly) and customizes it.
 * @example const engine = createRoutingEngine(graph); const r = engine.route(a, b); if (r.ok) r.value.arcs;
 */
export function createRoutingEngine(graph: RoadGraph, options: RoutingEngineOptions = {}): RoutingEngine {
  const order = options.order ?? computeNestedDissectionOrder(undirectedFromArcs(graph), planarCoordinates(graph));
  const topology = CchTopology.build(graph, order);
  const metric = new CchMetric(topology);
  const query = new CchQuery(metric);
  let alternativeRouter: AlternativeRouter | null = null;
  let weights = (options.weights ?? graph.travelTimeDs).slice();
  metric.customize(weights);
  return {
    topology,
    setWeights(next) {
      // Callers re-set a profile's weights before every query; comparing is ~20× cheaper than customizing.
      if (sameWeights(weights, next)) return;
      weights = next.slice();
      metric.customize(weights);
    },
    updateWeights(arcIds, values) {
      for (let i = 0; i < arcIds.length; i++) weights[arcIds[i]!] = values[i]!;
      metric.updateArcs(arcIds, weights);
    },
    route(from, to) {
      const cost = query.run(from, to);
      if (cost >= INF_WEIGHT) return err({ kind: 'unreachable', from, to });
      return ok({ cost, arcs: query.path() });
    },
    alternatives(from, to, k = 3, alternativeOptions = {}) {
      alternativeRouter ??= new AlternativeRouter(topology);
      return alternativeRouter.find(metric, from, to, k, alternativeOptions);
    },
  };
}

function sameWeights(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Longitude scaled by cos(mean latitude) so that inertial-flow directions are roughly isotropic. */
function planarCoordinates(graph: RoadGraph): { x: Float64Array; y: Float64Array } {
  let latSum = 0;
  for (let v = 0; v < graph.nodeCount; v++) latSum += graph.lat[v]!;
  const scale = Math.cos(((graph.nodeCount > 0 ? latSum / graph.nodeCount : 0) * Math.PI) / 180);
  const x = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) x[v] = graph.lon[v]! * scale;
  return { x, y: graph.lat };
}

// k alternative routes by the iterative penalty method on a CCH, re-customizing only the penalised arcs.
import { INF_WEIGHT } from '../graph/road-graph.ts';
import { CchChangeLog, CchMetric } from './cch/cch-metric.ts';
import { CchQuery } from './cch/cch-query.ts';
import type { CchTopology } from './cch/cch-topology.ts';

/** A route as input arc ids, source to target, with its cost under the caller's (unpenalised) weights. */
export interface RouteArcs {
  readonly cost: number;
  readonly arcs: Uint32Array;
}

export interface AlternativeOptions {
  /** An alternative may cost at most this times the best route (default 1.4). */
  readonly maxStretch?: number;
  /** An alternative may share at most this fraction of its cost with any earlier route (default 0.5). */
  readonly maxSharing?: number;
  /** 1 for arcs that pass a checkpoint; later routes are pushed off the checkpoints earlier routes pass. */
  readonly markedArcs?: Uint8Array;
  /** Weight multiplier for each arc of a route found (default 1.5). */
  readonly penaltyFactor?: number;
  /** Weight multiplier for marked arcs of a route found, on top of the path penalty (default 4). */
  readonly markedPenaltyFactor?: number;
  /** Penalty rounds before giving up on finding k routes (default 3k + 2). */
  readonly maxRounds?: number;
}

const MAX_ROUTES = 32;

/**
 * Finds up to k genuinely different routes: bounded stretch, limited sharing, avoiding the same checkpoints.
 * Each round penalises the arcs of the route just found (checkpoint arcs much more), re-customizes only
 * those arcs (partial customization), queries again, and keeps the candidate if it passes both filters
 * measured under the original weights. Scratch (a penalty metric and weight buffer) is reused across calls.
 * @example const routes = new AlternativeRouter(topology).find(metric, s, t, 3, { markedArcs });
 */
export class AlternativeRouter {
  private readonly penalised: CchMetric;
  private readonly penaltyQuery: CchQuery;
  private readonly penaltyWeights: Uint32Array;
  /** Bit j set when input arc belongs to accepted route j; cleared after each call. */
  private readonly routeMask: Uint32Array;
  private readonly sharedCost: Float64Array = new Float64Array(MAX_ROUTES);
  /** What the last call changed, so the next call on the same base undoes it instead of copying everything. */
  private readonly changedCchArcs = new CchChangeLog();
  private readonly penalisedInputs = new CchChangeLog();
  private lastBase: CchMetric | null = null;
  private lastBaseRevision = -1;

  constructor(topology: CchTopology) {
    this.penalised = new CchMetric(topology);
    this.penaltyQuery = new CchQuery(this.penalised);
    this.penaltyWeights = new Uint32Array(topology.inputArcCount);
    this.routeMask = new Uint32Array(topology.inputArcCount);
  }

  /** Routes best first; empty when the target is unreachable. `base` must be customized. */
  find(base: CchMetric, source: number, target: number, k = 3, options: AlternativeOptions = {}): RouteArcs[] {
    const maxStretch = options.maxStretch ?? 1.4;
    const maxSharing = options.maxSharing ?? 0.5;
    const penaltyFactor = options.penaltyFactor ?? 1.5;
    const markedPenaltyFactor = options.markedPenaltyFactor ?? 4;
    const maxRounds = options.maxRounds ?? 3 * k + 2;
    const marked = options.markedArcs;
    const baseWeights = base.weights;
    const wanted = Math.min(k, MAX_ROUTES);
    this.resetTo(base);
    const query = this.penaltyQuery;
    if (wanted <= 0 || query.run(source, target) >= INF_WEIGHT) return [];
    const routes: RouteArcs[] = [{ cost: query.distance, arcs: query.path() }];
    this.markRoute(routes[0]!.arcs, 0);
    let last = routes[0]!.arcs;
    for (let round = 0; round < maxRounds && routes.length < wanted && last.length > 0; round++) {
      this.penalise(last, penaltyFactor, marked, markedPenaltyFactor);
      this.penalised.updateArcs(last, this.penaltyWeights, this.changedCchArcs);
      if (query.run(source, target) >= INF_WEIGHT) break;
      const candidate = query.path();
      last = candidate;
      const cost = costOf(candidate, baseWeights);
      if (
        cost > maxStretch * routes[0]!.cost ||
        !this.sharesLittle(candidate, cost, baseWeights, routes.length, maxSharing)
      )
        continue;
      this.markRoute(candidate, routes.length);
      routes.push({ cost, arcs: candidate });
    }
    for (const route of routes) for (const arc of route.arcs) this.routeMask[arc] = 0;
    return routes.sort((a, b) => a.cost - b.cost);
  }

  /** Makes the penalty metric equal to `base`: by undoing the last call's changes when base is unchanged. */
  private resetTo(base: CchMetric): void {
    const baseWeights = base.weights;
    if (base === this.lastBase && base.revision === this.lastBaseRevision) {
      const inputs = this.penalisedInputs;
      for (let i = 0; i < inputs.count; i++) this.penaltyWeights[inputs.arcs[i]!] = baseWeights[inputs.arcs[i]!]!;
      this.penalised.copyArcsFrom(base, this.changedCchArcs.arcs, this.changedCchArcs.count, this.penaltyWeights);
    } else {
      this.penaltyWeights.set(baseWeights);
      this.penalised.copyFrom(base, this.penaltyWeights);
    }
    this.changedCchArcs.clear();
    this.penalisedInputs.clear();
    this.lastBase = base;
    this.lastBaseRevision = base.revision;
  }

  private penalise(arcs: Uint32Array, factor: number, marked: Uint8Array | undefined, markedFactor: number): void {
    const weights = this.penaltyWeights;
    for (let i = 0; i < arcs.length; i++) {
      const arc = arcs[i]!;
      // +1 so zero-weight arcs are penalised too.
      let w = Math.ceil(weights[arc]! * factor) + 1;
      if (marked?.[arc]) w = Math.ceil(w * markedFactor);
      weights[arc] = Math.min(w, INF_WEIGHT - 1);
      this.penalisedInputs.add(arc);
    }
  }

  private markRoute(arcs: Uint32Array, index: number): void {
    const bit = 1 << index;
    for (let i = 0; i < arcs.length; i++) this.routeMask[arcs[i]!]! |= bit;
  }

  /** Whether the candidate shares at most `maxSharing` of its cost with every accepted route (and is new). */
  private sharesLittle(
    arcs: Uint32Array,
    cost: number,
    baseWeights: Uint32Array,
    routeCount: number,
    maxSharing: number,
  ): boolean {
    const shared = this.sharedCost;
    shared.fill(0, 0, routeCount);
    let sharedArcs = 0;
    for (let i = 0; i < arcs.length; i++) {
      const mask = this.routeMask[arcs[i]!]!;
      if (mask === 0) continue;
      sharedArcs++;
      const w = baseWeights[arcs[i]!]!;
      for (let j = 0; j < routeCount; j++) if (mask & (1 << j)) shared[j]! += w;
    }
    if (sharedArcs === arcs.length) return false;
    const limit = maxSharing * Math.max(cost, 1);
    for (let j = 0; j < routeCount; j++) if (shared[j]! > limit) return false;
    return true;
  }
}

function costOf(arcs: Uint32Array, weights: Uint32Array): number {
  let cost = 0;
  for (let i = 0; i < arcs.length; i++) cost += weights[arcs[i]!]!;
  return cost;
}

// Seeded random road-like graphs (perturbed grids with oneways, gaps and forbidden arcs) for differential tests.
import type { RoadGraph } from '../graph/road-graph.ts';
import { INF_WEIGHT } from '../graph/road-graph.ts';
import { seededRandom } from '../random.ts';

export { seededRandom } from '../random.ts';

export interface RandomGridOptions {
  readonly width: number;
  readonly height: number;
  /** Share of grid edges left out (gaps, dead ends, sometimes disconnected pieces). */
  readonly dropRate?: number;
  /** Share of kept edges that are one-way. */
  readonly onewayRate?: number;
  /** Share of diagonal edges added (planarity is not required by CCH, only helps the order). */
  readonly diagonalRate?: number;
  /** Share of arcs given a duplicate parallel arc. */
  readonly parallelRate?: number;
}

/**
 * A perturbed grid with coordinates in `lon`/`lat` (planar units), random oneways, gaps and parallel arcs.
 * Weights (`lengthM`, `travelTimeDs`) are random positive integers.
 */
export function randomGridGraph(seed: number, options: RandomGridOptions): RoadGraph {
  const random = seededRandom(seed);
  const { width, height } = options;
  const dropRate = options.dropRate ?? 0.15;
  const onewayRate = options.onewayRate ?? 0.2;
  const diagonalRate = options.diagonalRate ?? 0.05;
  const parallelRate = options.parallelRate ?? 0.02;
  const nodeCount = width * height;
  const tails: number[] = [];
  const heads: number[] = [];
  const addArc = (u: number, v: number): void => {
    tails.push(u);
    heads.push(v);
  };
  const addEdge = (u: number, v: number): void => {
    if (random() < dropRate) return;
    const oneway = random() < onewayRate;
    const forward = random() < 0.5;
    if (!oneway || forward) addArc(u, v);
    if (!oneway || !forward) addArc(v, u);
    if (random() < parallelRate) addArc(u, v);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = y * width + x;
      if (x + 1 < width) addEdge(v, v + 1);
      if (y + 1 < height) addEdge(v, v + width);
      if (x + 1 < width && y + 1 < height && random() < diagonalRate) addEdge(v, v + width + 1);
    }
  }
  const lat = new Float64Array(nodeCount);
  const lon = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    lon[v] = (v % width) + (random() - 0.5) * 0.6;
    lat[v] = Math.floor(v / width) + (random() - 0.5) * 0.6;
  }
  return csrFromArcList(nodeCount, tails, heads, lat, lon, random);
}

/** Builds a RoadGraph from an arc list (counting sort by tail), with random weights 1..100. */
export function csrFromArcList(
  nodeCount: number,
  tails: readonly number[],
  heads: readonly number[],
  lat: Float64Array,
  lon: Float64Array,
  random: () => number,
): RoadGraph {
  const arcCount = tails.length;
  const firstOut = new Uint32Array(nodeCount + 1);
  for (const t of tails) firstOut[t + 1]!++;
  for (let v = 0; v < nodeCount; v++) firstOut[v + 1]! += firstOut[v]!;
  const next = firstOut.slice(0, nodeCount);
  const head = new Uint32Array(arcCount);
  for (let i = 0; i < arcCount; i++) head[next[tails[i]!]!++] = heads[i]!;
  const lengthM = new Uint32Array(arcCount);
  const travelTimeDs = new Uint32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    lengthM[a] = 1 + Math.floor(random() * 100);
    travelTimeDs[a] = 1 + Math.floor(random() * 100);
  }
  return { nodeCount, arcCount, firstOut, head, lengthM, travelTimeDs, roadClass: new Uint8Array(arcCount), lat, lon };
}

/** Random directed weights 0..maxWeight with a share of forbidden (INF_WEIGHT) arcs. */
export function randomWeights(seed: number, arcCount: number, maxWeight: number, forbiddenRate: number): Uint32Array {
  const random = seededRandom(seed);
  const weights = new Uint32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    weights[a] = random() < forbiddenRate ? INF_WEIGHT : Math.floor(random() * (maxWeight + 1));
  }
  return weights;
}

// The road network as flat typed arrays (forward CSR): the one graph shape every engine and importer shares.

/** Sentinel for "no node / no arc" in Uint32 id arrays. */
export const INVALID_ID = 0xffff_ffff;
/** Sentinel for an unreachable or forbidden weight; sums are guarded against overflow with saturatingAdd. */
export const INF_WEIGHT = 0x7fff_ffff;

/** Road classes, coarse enough for defaults (speed, capacity) and fine enough for display. */
export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'service',
  'track',
] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/**
 * A directed road graph. Arcs of node `v` are `firstOut[v] .. firstOut[v+1]-1`; `head[a]` is the arc's target.
 * A two-way road is two arcs. Node ids are dense `0..nodeCount-1`; arc ids dense `0..arcCount-1`.
 * Coordinates are WGS84 degrees (planar graphs used in benchmarks put their x/y here).
 * Optional shape: the intermediate points of arc `a` (excluding both end nodes) are
 * `shapeLat/shapeLon[firstShape[a] .. firstShape[a+1]-1]`, in travel direction.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly arcCount: number;
  readonly firstOut: Uint32Array;
  readonly head: Uint32Array;
  /** Arc length in whole metres. */
  readonly lengthM: Uint32Array;
  /** Free-flow travel time in deciseconds (integer weights keep CCH sums exact). */
  readonly travelTimeDs: Uint32Array;
  /** Index into ROAD_CLASSES. */
  readonly roadClass: Uint8Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Optional external ids (OSM node ids, or town names' index) for output; absent for benchmark graphs. */
  readonly externalNodeId?: Float64Array;
  readonly firstShape?: Uint32Array;
  readonly shapeLat?: Float64Array;
  readonly shapeLon?: Float64Array;
}

/** Adds two weights, saturating at INF_WEIGHT so that "forbidden" stays forbidden. */
export function saturatingAdd(a: number, b: number): number {
  const sum = a + b;
  return Math.min(sum, INF_WEIGHT);
}

/** The tail (source node) of every arc, derived from firstOut: useful to build backward CSR or export. */
export function arcTails(graph: Pick<RoadGraph, 'nodeCount' | 'arcCount' | 'firstOut'>): Uint32Array {
  const tail = new Uint32Array(graph.arcCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) tail[a] = v;
  }
  return tail;
}

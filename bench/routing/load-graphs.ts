// Loads the benchmark road graphs (Moscow OSM city graph, DIMACS/PACE Florida) into RoadGraph typed arrays.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { RoadGraph } from '../../src/core/graph/road-graph.ts';
import { seededRandom } from '../../src/core/routing/random-test-graph.ts';
import { osmPbfToRoadGraph } from '../../src/io/network/osm-pbf.ts';

/** `../shared/data` beside the repository, or SAFEPASSAGE_DATA. */
export function dataFolder(): string {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return process.env.SAFEPASSAGE_DATA ?? path.resolve(repo, '..', 'shared', 'data');
}

/** A benchmark graph: the RoadGraph, its planar coordinates if any, and the weight used. */
export interface BenchGraph {
  readonly name: string;
  readonly graph: RoadGraph;
  readonly coordinates: { x: Float64Array; y: Float64Array } | null;
  readonly weights: Uint32Array;
  readonly weightNote: string;
  /** Whether the coordinates give ngraph's A-star and NBA-star an admissible heuristic (default: when present). */
  readonly peerHeuristic?: boolean;
}

function int32View(file: string): Int32Array {
  const bytes = gunzipSync(readFileSync(file));
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/** Builds a two-way CSR (each undirected edge as two arcs) from 0-based edge endpoint arrays. */
function twoWayCsr(
  nodeCount: number,
  from: Uint32Array,
  to: Uint32Array,
): { firstOut: Uint32Array; head: Uint32Array } {
  const firstOut = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < from.length; i++) {
    firstOut[from[i]! + 1]!++;
    firstOut[to[i]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) firstOut[v + 1]! += firstOut[v]!;
  const next = firstOut.slice(0, nodeCount);
  const head = new Uint32Array(firstOut[nodeCount]!);
  for (let i = 0; i < from.length; i++) {
    head[next[from[i]!]!++] = to[i]!;
    head[next[to[i]!]!++] = from[i]!;
  }
  return { firstOut, head };
}

function roadGraph(nodeCount: number, firstOut: Uint32Array, head: Uint32Array, x: Float64Array, y: Float64Array) {
  const arcCount = head.length;
  return {
    nodeCount,
    arcCount,
    firstOut,
    head,
    lengthM: new Uint32Array(arcCount),
    travelTimeDs: new Uint32Array(arcCount),
    roadClass: new Uint8Array(arcCount),
    lat: y,
    lon: x,
  } satisfies RoadGraph;
}

/** Moscow from anvaka/ngraph.path.demo: Int32 x,y per node and 1-based from,to pairs; roads are two-way. */
export function loadMoscow(): BenchGraph {
  const base = path.join(dataFolder(), 'road-graphs', 'osm-city-graphs', 'moscow-roads');
  const co = int32View(`${base}.co.bin.gz`);
  const gr = int32View(`${base}.gr.bin.gz`);
  const nodeCount = co.length / 2;
  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    x[v] = co[2 * v]!;
    y[v] = co[2 * v + 1]!;
  }
  const from = new Uint32Array(gr.length / 2);
  const to = new Uint32Array(gr.length / 2);
  for (let i = 0; i < from.length; i++) {
    from[i] = gr[2 * i]! - 1;
    to[i] = gr[2 * i + 1]! - 1;
  }
  const { firstOut, head } = twoWayCsr(nodeCount, from, to);
  const graph = roadGraph(nodeCount, firstOut, head, x, y);
  const weights = new Uint32Array(graph.arcCount);
  for (let v = 0; v < nodeCount; v++) {
    for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
      const w = head[a]!;
      weights[a] = Math.max(1, Math.ceil(Math.hypot(x[v]! - x[w]!, y[v]! - y[w]!)));
    }
  }
  graph.lengthM.set(weights);
  return {
    name: 'moscow',
    graph,
    coordinates: { x, y },
    weights,
    weightNote: 'Euclidean length rounded up (so the A* heuristic stays admissible)',
  };
}

/** DIMACS Florida in PACE 2016 format: topology only, so weights are seeded random 1..1000 per direction. */
export function loadFlorida(): BenchGraph {
  const file = path.join(dataFolder(), 'road-graphs', 'dimacs9-pace16', 'USA-road-FLA.pace.gr.gz');
  const text = gunzipSync(readFileSync(file)).toString('latin1');
  let nodeCount = 0;
  let edges = 0;
  let from = new Uint32Array(0);
  let to = new Uint32Array(0);
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.length === 0 || line[0] === 'c') continue;
    if (line[0] === 'p') {
      const parts = line.split(' ');
      nodeCount = Number(parts[2]);
      edges = Number(parts[3]);
      from = new Uint32Array(edges);
      to = new Uint32Array(edges);
      continue;
    }
    const space = line.indexOf(' ');
    from[at] = Number(line.slice(0, space)) - 1;
    to[at] = Number(line.slice(space + 1)) - 1;
    at++;
  }
  const { firstOut, head } = twoWayCsr(nodeCount, from.subarray(0, at), to.subarray(0, at));
  const graph = roadGraph(nodeCount, firstOut, head, new Float64Array(nodeCount), new Float64Array(nodeCount));
  const random = seededRandom(20160729);
  const weights = new Uint32Array(graph.arcCount);
  for (let a = 0; a < weights.length; a++) weights[a] = 1 + Math.floor(random() * 1000);
  graph.lengthM.set(weights);
  return { name: 'florida', graph, coordinates: null, weights, weightNote: 'seeded random 1..1000, per direction' };
}

/**
 * A real OpenStreetMap extract through the product's own importer (`osmPbfToRoadGraph`): directed (oneways),
 * weights = free-flow travel time in deciseconds. Coordinates are projected equirectangularly for the ordering;
 * ngraph gets no heuristic (straight-line distance does not bound travel time in these units).
 */
export function loadOsmExtract(name: 'andorra' | 'liechtenstein' | 'monaco'): BenchGraph {
  const file = {
    andorra: 'andorra-2021-10-28.osm.pbf',
    liechtenstein: 'liechtenstein-2021-10-28.osm.pbf',
    monaco: 'monaco.osm.pbf',
  }[name];
  const bytes = readFileSync(path.join(dataFolder(), 'osm-extracts', file));
  const imported = osmPbfToRoadGraph(bytes, file);
  if (!imported.ok) throw new Error(`${file}: ${imported.error.kind}`);
  const graph = imported.value;
  const x = new Float64Array(graph.nodeCount);
  const y = new Float64Array(graph.nodeCount);
  const cosLat = Math.cos((graph.lat[0]! * Math.PI) / 180);
  for (let v = 0; v < graph.nodeCount; v++) {
    x[v] = graph.lon[v]! * cosLat * 111_320;
    y[v] = graph.lat[v]! * 110_540;
  }
  return {
    name,
    graph,
    coordinates: { x, y },
    weights: graph.travelTimeDs.slice(),
    weightNote: 'free-flow travel time (ds) from the OSM importer; directed (oneways)',
    peerHeuristic: false,
  };
}

// Imports car-routable roads from an OSM .osm.pbf into a RoadGraph: ways first, then only their nodes, then degree-2 chains become arcs with shapes.
import { RoadGraphBuilder, travelTimeDsFor } from '../../core/graph/build.ts';
import { haversineM } from '../../core/graph/geo.ts';
import type { RoadGraph } from '../../core/graph/road-graph.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { NetworkError } from './network-error.ts';
import { blocksCars, type CarProfileOptions, carWay } from './osm-car-profile.ts';
import {
  type BlockContents,
  checkHeader,
  inflateBlob,
  OsmPbfFormatError,
  splitBlobs,
  visitPrimitiveBlock,
} from './osm-pbf-blocks.ts';

export interface OsmImportOptions extends CarProfileOptions {
  /** Called after each block of each pass with (done, total) blocks; the CLI draws a progress bar from it. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The routable ways of pass 1, flat: way w's node ids are refs[refEnd[w-1] .. refEnd[w]-1]. */
interface RoutableWays {
  refs: Float64Array;
  refEnd: Uint32Array;
  roadClass: Uint8Array;
  speedKmh: Float64Array;
  direction: Int8Array;
  count: number;
}

/**
 * Decodes `file` (the bytes of an .osm.pbf) into a car road graph. Node ids in `externalNodeId` are OSM ids.
 * Barrier nodes that block cars cut the ways through them. Corrupt input is an error value, never a throw.
 * @example const r = osmPbfToRoadGraph(await readFile('monaco.osm.pbf'), 'monaco.osm.pbf');
 */
export function osmPbfToRoadGraph(
  file: Uint8Array,
  path: string,
  options: OsmImportOptions = {},
): Result<RoadGraph, NetworkError> {
  try {
    const blobs = splitBlobs(file);
    checkHeader(blobs[0]!);
    const data = blobs.filter((b) => b.type === 'OSMData');
    const total = data.length * 2;
    const contents: BlockContents[] = data.map(() => ({ hasNodes: false, hasWays: false }));
    const ways = collectWays(data, contents, options, total);
    const ids = uniqueSorted(ways.refs.subarray(0, ways.refEnd[ways.count - 1] ?? 0));
    const nodes = locateNodes(ids, data, contents, options, total);
    const graph = chainsToArcs(ways, ids, nodes);
    if (graph.arcCount === 0) return err({ kind: 'empty-network', path });
    return ok(graph);
  } catch (error) {
    if (error instanceof OsmPbfFormatError) {
      return err({ kind: 'corrupt-pbf', path, offset: Math.max(0, error.offset), message: error.message });
    }
    // pbf and zlib throw plain Errors on malformed bytes; any of them means the file is corrupt.
    const message = error instanceof Error ? error.message : String(error);
    return err({ kind: 'corrupt-pbf', path, offset: 0, message });
  }
}

function collectWays(
  data: ReturnType<typeof splitBlobs>,
  contents: BlockContents[],
  options: OsmImportOptions,
  total: number,
): RoutableWays {
  let refs = new Float64Array(1 << 16);
  let refCount = 0;
  const refEnd: number[] = [];
  const roadClass: number[] = [];
  const speedKmh: number[] = [];
  const direction: number[] = [];
  data.forEach((blob, b) => {
    visitPrimitiveBlock(
      inflateBlob(blob),
      {
        way(_id, tags, wayRefs, n) {
          if (n < 2) return;
          const way = carWay(tags.get, options);
          if (way === undefined) return;
          if (refCount + n > refs.length) {
            const bigger = new Float64Array(Math.max(refs.length * 2, refCount + n));
            bigger.set(refs);
            refs = bigger;
          }
          refs.set(wayRefs.subarray(0, n), refCount);
          refCount += n;
          refEnd.push(refCount);
          roadClass.push(way.roadClass);
          speedKmh.push(way.speedKmh);
          direction.push(way.direction);
        },
      },
      contents[b]!,
    );
    options.onProgress?.(b + 1, total);
  });
  return {
    refs: refs.subarray(0, refCount),
    refEnd: Uint32Array.from(refEnd),
    roadClass: Uint8Array.from(roadClass),
    speedKmh: Float64Array.from(speedKmh),
    direction: Int8Array.from(direction),
    count: refEnd.length,
  };
}

function uniqueSorted(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Index of `id` in the sorted `ids`, or -1. */
function indexOf(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Coordinates of the nodes on routable ways; `usable[i]` is 0 when missing from the extract or a blocking barrier. */
interface RoutableNodes {
  lat: Float64Array;
  lon: Float64Array;
  usable: Uint8Array;
}

function locateNodes(
  ids: Float64Array,
  data: ReturnType<typeof splitBlobs>,
  contents: BlockContents[],
  options: OsmImportOptions,
  total: number,
): RoutableNodes {
  const lat = new Float64Array(ids.length);
  const lon = new Float64Array(ids.length);
  const usable = new Uint8Array(ids.length);
  data.forEach((blob, b) => {
    if (contents[b]!.hasNodes) {
      visitPrimitiveBlock(
        inflateBlob(blob),
        {
          node(id, nodeLat, nodeLon, tags) {
            const i = indexOf(ids, id);
            if (i < 0) return;
            lat[i] = nodeLat;
            lon[i] = nodeLon;
            usable[i] = tags.count > 0 && blocksCars(tags.get) ? 0 : 1;
          },
        },
        contents[b]!,
      );
    }
    options.onProgress?.(data.length + b + 1, total);
  });
  return { lat, lon, usable };
}

/** Splits each way at junctions (nodes used twice or more), ends and unusable nodes; each piece becomes arcs. */
function chainsToArcs(ways: RoutableWays, ids: Float64Array, nodes: RoutableNodes): RoadGraph {
  const refIndex = new Uint32Array(ways.refs.length);
  const useCount = new Uint8Array(ids.length);
  for (let r = 0; r < ways.refs.length; r++) {
    const i = indexOf(ids, ways.refs[r]!);
    refIndex[r] = i;
    if (useCount[i]! < 255) useCount[i]!++;
  }
  const builder = new RoadGraphBuilder();
  const graphId = new Int32Array(ids.length).fill(-1);
  const nodeOf = (i: number): number => {
    if (graphId[i]! < 0) graphId[i] = builder.addNode(nodes.lat[i]!, nodes.lon[i]!, ids[i]!);
    return graphId[i]!;
  };
  const emit = (w: number, from: number, to: number) => {
    const tail = refIndex[from]!;
    const head = refIndex[to]!;
    if (tail === head) return; // a loop never shortens a path
    let lengthM = 0;
    for (let r = from; r < to; r++) {
      const a = refIndex[r]!;
      const b = refIndex[r + 1]!;
      lengthM += haversineM(nodes.lat[a]!, nodes.lon[a]!, nodes.lat[b]!, nodes.lon[b]!);
    }
    const roundedM = Math.round(lengthM);
    const timeDs = travelTimeDsFor(lengthM, ways.speedKmh[w]!);
    const u = nodeOf(tail);
    const v = nodeOf(head);
    if (ways.direction[w]! >= 0) {
      for (let r = from + 1; r < to; r++) builder.addShapePoint(nodes.lat[refIndex[r]!]!, nodes.lon[refIndex[r]!]!);
      builder.addArc(u, v, roundedM, timeDs, ways.roadClass[w]!);
    }
    if (ways.direction[w]! <= 0) {
      for (let r = to - 1; r > from; r--) builder.addShapePoint(nodes.lat[refIndex[r]!]!, nodes.lon[refIndex[r]!]!);
      builder.addArc(v, u, roundedM, timeDs, ways.roadClass[w]!);
    }
  };
  for (let w = 0; w < ways.count; w++) {
    const first = w === 0 ? 0 : ways.refEnd[w - 1]!;
    const last = ways.refEnd[w]! - 1;
    let pieceStart = -1;
    for (let r = first; r <= last; r++) {
      const i = refIndex[r]!;
      if (nodes.usable[i] === 0) {
        if (pieceStart >= 0 && r - 1 > pieceStart) emit(w, pieceStart, r - 1);
        pieceStart = -1;
      } else if (pieceStart < 0) pieceStart = r;
      else if (useCount[i]! >= 2 || r === last) {
        emit(w, pieceStart, r);
        pieceStart = r;
      }
    }
  }
  return builder.build();
}

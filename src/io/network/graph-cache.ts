// Binary cache of a RoadGraph: a 48-byte header, then the typed arrays back to back, read back as zero-copy views.
import { endianness } from 'node:os';
import type { RoadGraph } from '../../core/graph/road-graph.ts';

/** File magic: "SPGRAPH\0". */
const MAGIC = [0x53, 0x50, 0x47, 0x52, 0x41, 0x50, 0x48, 0x00];
/** Bumped whenever the layout below changes; an older cache is then simply rebuilt. */
export const GRAPH_CACHE_VERSION = 1;
const HEADER_BYTES = 48;
const HAS_EXTERNAL_IDS = 1;
const HAS_SHAPES = 2;

/** The source file a cache was built from: a cache is valid only while both still match. */
export interface CacheSource {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** True when `bytes` start with the cache magic. */
export function isGraphCache(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && MAGIC.every((b, i) => bytes[i] === b);
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Arrays in file order with their element type; the loader walks the same list. */
function layout(nodeCount: number, arcCount: number, shapeCount: number, flags: number) {
  const parts: { name: keyof RoadGraph; kind: 'u32' | 'u8' | 'f64'; length: number }[] = [
    { name: 'firstOut', kind: 'u32', length: nodeCount + 1 },
    { name: 'head', kind: 'u32', length: arcCount },
    { name: 'lengthM', kind: 'u32', length: arcCount },
    { name: 'travelTimeDs', kind: 'u32', length: arcCount },
    { name: 'roadClass', kind: 'u8', length: arcCount },
    { name: 'lat', kind: 'f64', length: nodeCount },
    { name: 'lon', kind: 'f64', length: nodeCount },
  ];
  if (flags & HAS_EXTERNAL_IDS) parts.push({ name: 'externalNodeId', kind: 'f64', length: nodeCount });
  if (flags & HAS_SHAPES) {
    parts.push({ name: 'firstShape', kind: 'u32', length: arcCount + 1 });
    parts.push({ name: 'shapeLat', kind: 'f64', length: shapeCount });
    parts.push({ name: 'shapeLon', kind: 'f64', length: shapeCount });
  }
  return parts;
}

const BYTES = { u32: 4, u8: 1, f64: 8 } as const;

/** Serialises `graph` with the identity of its source file. */
export function encodeGraphCache(graph: RoadGraph, source: CacheSource): Uint8Array {
  if (endianness() !== 'LE') throw new Error('graph cache: big-endian hosts are not supported');
  const flags = (graph.externalNodeId ? HAS_EXTERNAL_IDS : 0) | (graph.firstShape ? HAS_SHAPES : 0);
  const shapeCount = graph.shapeLat?.length ?? 0;
  const parts = layout(graph.nodeCount, graph.arcCount, shapeCount, flags);
  let size = HEADER_BYTES;
  for (const p of parts) size += pad8(p.length * BYTES[p.kind]);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, GRAPH_CACHE_VERSION, true);
  view.setUint32(12, flags, true);
  view.setFloat64(16, source.sizeBytes, true);
  view.setFloat64(24, source.mtimeMs, true);
  view.setUint32(32, graph.nodeCount, true);
  view.setUint32(36, graph.arcCount, true);
  view.setUint32(40, shapeCount, true);
  let offset = HEADER_BYTES;
  for (const p of parts) {
    const array = graph[p.name] as Uint32Array | Uint8Array | Float64Array;
    out.set(new Uint8Array(array.buffer, array.byteOffset, p.length * BYTES[p.kind]), offset);
    offset += pad8(p.length * BYTES[p.kind]);
  }
  return out;
}

/** Why a cache could not be used; the caller then re-imports from the source. */
export type CacheMiss = 'not-a-cache' | 'old-version' | 'stale' | 'truncated' | 'inconsistent';

/**
 * Reads a cache as views on `bytes` (no copy unless `bytes` is not 8-byte aligned). With `source`, a cache built
 * from a different size or mtime is 'stale'.
 */
export function decodeGraphCache(bytes: Uint8Array, source?: CacheSource): RoadGraph | CacheMiss {
  if (!isGraphCache(bytes)) return 'not-a-cache';
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8, true) !== GRAPH_CACHE_VERSION) return 'old-version';
  const flags = view.getUint32(12, true);
  if (source && (view.getFloat64(16, true) !== source.sizeBytes || view.getFloat64(24, true) !== source.mtimeMs)) {
    return 'stale';
  }
  const nodeCount = view.getUint32(32, true);
  const arcCount = view.getUint32(36, true);
  const shapeCount = view.getUint32(40, true);
  const arrays: Record<string, Uint32Array | Uint8Array | Float64Array> = {};
  let offset = bytes.byteOffset + HEADER_BYTES;
  for (const p of layout(nodeCount, arcCount, shapeCount, flags)) {
    const byteLength = p.length * BYTES[p.kind];
    if (offset - bytes.byteOffset + byteLength > bytes.byteLength) return 'truncated';
    const ctor = p.kind === 'u32' ? Uint32Array : p.kind === 'u8' ? Uint8Array : Float64Array;
    arrays[p.name] = new ctor(bytes.buffer as ArrayBuffer, offset, p.length);
    offset += pad8(byteLength);
  }
  const firstOut = arrays.firstOut as Uint32Array;
  const head = arrays.head as Uint32Array;
  if (firstOut[0] !== 0 || firstOut[nodeCount] !== arcCount) return 'inconsistent';
  for (let a = 0; a < arcCount; a++) if (head[a]! >= nodeCount) return 'inconsistent';
  return { nodeCount, arcCount, ...arrays } as unknown as RoadGraph;
}

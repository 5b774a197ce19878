// Builds a RoadGraph (forward CSR, sorted by tail) from nodes and arcs added in any order: shared by every importer.
import type { RoadGraph } from './road-graph.ts';

/** A growable typed array: importers append without an object per node or arc. */
class GrowableArray<T extends Float64Array | Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(16, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  /** A right-sized copy of the contents. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const f64 = (n: number) => new GrowableArray(new Float64Array(n), (s) => new Float64Array(s));
const u32 = (n: number) => new GrowableArray(new Uint32Array(n), (s) => new Uint32Array(s));
const u8 = (n: number) => new GrowableArray(new Uint8Array(n), (s) => new Uint8Array(s));

/**
 * Collects nodes and arcs, then lays them out as CSR. Arc ids in the result are sorted by tail (stable within
 * a tail, so importers control the order of parallel arcs).
 * @example const b = new RoadGraphBuilder(); const u = b.addNode(43.7, 7.4); const v = b.addNode(43.71, 7.4);
 *   b.addArc(u, v, 1112, 800, 2); const graph = b.build();
 */
export class RoadGraphBuilder {
  private readonly lat = f64(1024);
  private readonly lon = f64(1024);
  private readonly externalId = f64(1024);
  private hasExternalIds = false;
  private readonly tail = u32(1024);
  private readonly head = u32(1024);
  private readonly lengthM = u32(1024);
  private readonly travelTimeDs = u32(1024);
  private readonly roadClass = u8(1024);
  /** Shape points of arc i are shapeLat/Lon[shapeEnd[i-1] .. shapeEnd[i]-1] in input order. */
  private readonly shapeEnd = u32(1024);
  private readonly shapeLat = f64(1024);
  private readonly shapeLon = f64(1024);

  get nodeCount(): number {
    return this.lat.length;
  }

  get arcCount(): number {
    return this.tail.length;
  }

  /** Adds a node and returns its dense id. `externalId` (e.g. the OSM node id) is kept for output. */
  addNode(lat: number, lon: number, externalId?: number): number {
    this.lat.push(lat);
    this.lon.push(lon);
    this.externalId.push(externalId ?? Number.NaN);
    if (externalId !== undefined) this.hasExternalIds = true;
    return this.lat.length - 1;
  }

  /** Adds a shape point to the arc that the next addArc call will add (points in travel direction). */
  addShapePoint(lat: number, lon: number): void {
    this.shapeLat.push(lat);
    this.shapeLon.push(lon);
  }

  /** Adds an arc; the shape points added since the previous arc become its geometry. */
  addArc(tail: number, head: number, lengthM: number, travelTimeDs: number, roadClass: number): void {
    if (tail >= this.nodeCount || head >= this.nodeCount) throw new Error(`arc ${tail}->${head}: unknown node`);
    this.tail.push(tail);
    this.head.push(head);
    this.lengthM.push(lengthM);
    this.travelTimeDs.push(travelTimeDs);
    this.roadClass.push(roadClass);
    this.shapeEnd.push(this.shapeLat.length);
  }

  /** Lays the collected arcs out as CSR (counting sort by tail) and returns the graph. */
  build(): RoadGraph {
    return this.buildWithArcOrder().graph;
  }

  /** As build(), plus `arcOfInput[i]`: the graph arc id of the i-th addArc call (to carry per-arc data along). */
  buildWithArcOrder(): { graph: RoadGraph; arcOfInput: Uint32Array } {
    const nodeCount = this.nodeCount;
    const arcCount = this.arcCount;
    const firstOut = new Uint32Array(nodeCount + 1);
    for (let i = 0; i < arcCount; i++) firstOut[this.tail.get(i) + 1]!++;
    for (let v = 0; v < nodeCount; v++) firstOut[v + 1]! += firstOut[v]!;
    const next = firstOut.slice(0, nodeCount);
    const position = new Uint32Array(arcCount);
    for (let i = 0; i < arcCount; i++) position[i] = next[this.tail.get(i)]!++;

    const head = new Uint32Array(arcCount);
    const lengthM = new Uint32Array(arcCount);
    const travelTimeDs = new Uint32Array(arcCount);
    const roadClass = new Uint8Array(arcCount);
    const shapeCountOf = (i: number) => this.shapeEnd.get(i) - (i === 0 ? 0 : this.shapeEnd.get(i - 1));
    const firstShape = new Uint32Array(arcCount + 1);
    for (let i = 0; i < arcCount; i++) {
      const a = position[i]!;
      head[a] = this.head.get(i);
      lengthM[a] = this.lengthM.get(i);
      travelTimeDs[a] = this.travelTimeDs.get(i);
      roadClass[a] = this.roadClass.get(i);
      firstShape[a + 1] = shapeCountOf(i);
    }
    for (let a = 0; a < arcCount; a++) firstShape[a + 1]! += firstShape[a]!;
    const shapeCount = firstShape[arcCount]!;
    const shapeLat = new Float64Array(shapeCount);
    const shapeLon = new Float64Array(shapeCount);
    for (let i = 0; i < arcCount; i++) {
      const from = i === 0 ? 0 : this.shapeEnd.get(i - 1);
      const to = this.shapeEnd.get(i);
      for (let s = from, d = firstShape[position[i]!]!; s < to; s++, d++) {
        shapeLat[d] = this.shapeLat.get(s);
        shapeLon[d] = this.shapeLon.get(s);
      }
    }
    const graph: RoadGraph = {
      nodeCount,
      arcCount,
      firstOut,
      head,
      lengthM,
      travelTimeDs,
      roadClass,
      lat: this.lat.toArray(),
      lon: this.lon.toArray(),
      ...(this.hasExternalIds ? { externalNodeId: this.externalId.toArray() } : {}),
      ...(shapeCount > 0 ? { firstShape, shapeLat, shapeLon } : {}),
    };
    return { graph, arcOfInput: position };
  }
}

/** Travel time in deciseconds for `lengthM` metres at `speedKmh`, at least 1 ds so that no arc is free. */
export function travelTimeDsFor(lengthM: number, speedKmh: number): number {
  return Math.max(1, Math.round((lengthM * 36) / speedKmh));
}

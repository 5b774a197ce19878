// Snaps a coordinate to the nearest routable arc (a flatbush index over every arc segment, shapes included).
import Flatbush from 'flatbush';
import { err, ok, type Result } from '../result.ts';
import { type LocalProjection, localProjection } from './geo.ts';
import { arcTails, type RoadGraph } from './road-graph.ts';

/** A point farther than this from any road is an input error, not a silent snap. */
export const DEFAULT_MAX_SNAP_DISTANCE_M = 5000;

/** Where a coordinate lands on the network. */
export interface Snap {
  readonly arc: number;
  /** Distance along the arc from its tail to the snapped point, in metres (scaled to the arc's `lengthM`). */
  readonly offsetM: number;
  /** Straight-line distance from the input coordinate to the snapped point, in metres. */
  readonly distanceM: number;
  readonly lat: number;
  readonly lon: number;
  /**
   * The arc's end node nearer along the arc: routing starts or ends there. We do not split arcs: the error is at
   * most half an arc, and arcs are short in towns where it matters (the reported geometry still starts at the node).
   */
  readonly node: number;
}

export type SnapError = {
  readonly kind: 'too-far-from-road';
  readonly lat: number;
  readonly lon: number;
  readonly distanceM: number;
};

/** Spatial index of a graph's arc segments; build once per graph, query many times. */
export interface SnapIndex {
  readonly graph: RoadGraph;
  readonly projection: LocalProjection;
  readonly index: Flatbush;
  readonly tail: Uint32Array;
  /** Per indexed segment: its arc, its position in the arc's polyline, and the arc-polyline length before it (m). */
  readonly segmentArc: Uint32Array;
  readonly segmentPart: Uint32Array;
  readonly segmentOffsetM: Float64Array;
  /** Projected polyline length of each arc (m), to rescale offsets to `lengthM`. */
  readonly arcPolylineM: Float64Array;
}

const pointCount = (g: RoadGraph, a: number) => 2 + (g.firstShape ? g.firstShape[a + 1]! - g.firstShape[a]! : 0);

/** Latitude/longitude of point `j` of arc `a`'s polyline (tail, shape points, head). */
export function arcPoint(g: RoadGraph, tail: Uint32Array, a: number, j: number): [number, number] {
  const last = pointCount(g, a) - 1;
  if (j === 0) return [g.lat[tail[a]!]!, g.lon[tail[a]!]!];
  if (j === last) return [g.lat[g.head[a]!]!, g.lon[g.head[a]!]!];
  const s = g.firstShape![a]! + j - 1;
  return [g.shapeLat![s]!, g.shapeLon![s]!];
}

/**
 * Indexes every segment of every arc in a local metric projection centred on the graph's mean latitude.
 * @example const index = buildSnapIndex(graph); const r = snapToRoad(index, 43.7384, 7.4246);
 */
export function buildSnapIndex(graph: RoadGraph): SnapIndex {
  let meanLat = 0;
  for (let v = 0; v < graph.nodeCount; v++) meanLat += graph.lat[v]! / graph.nodeCount;
  const projection = localProjection(meanLat);
  const tail = arcTails(graph);
  let segments = 0;
  for (let a = 0; a < graph.arcCount; a++) segments += pointCount(graph, a) - 1;
  const index = new Flatbush(Math.max(1, segments));
  const segmentArc = new Uint32Array(segments);
  const segmentPart = new Uint32Array(segments);
  const segmentOffsetM = new Float64Array(segments);
  const arcPolylineM = new Float64Array(graph.arcCount);
  const { metresPerDegLat: ky, metresPerDegLon: kx } = projection;
  for (let a = 0, i = 0; a < graph.arcCount; a++) {
    let [lat0, lon0] = arcPoint(graph, tail, a, 0);
    let offset = 0;
    for (let j = 1; j < pointCount(graph, a); j++, i++) {
      const [lat1, lon1] = arcPoint(graph, tail, a, j);
      index.add(
        Math.min(lon0, lon1) * kx,
        Math.min(lat0, lat1) * ky,
        Math.max(lon0, lon1) * kx,
        Math.max(lat0, lat1) * ky,
      );
      segmentArc[i] = a;
      segmentPart[i] = j - 1;
      segmentOffsetM[i] = offset;
      offset += Math.hypot((lon1 - lon0) * kx, (lat1 - lat0) * ky);
      lat0 = lat1;
      lon0 = lon1;
    }
    arcPolylineM[a] = offset;
  }
  if (segments === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { graph, projection, index, tail, segmentArc, segmentPart, segmentOffsetM, arcPolylineM };
}

/**
 * The nearest point on any arc within `maxDistanceM` (default 5 km). Ties go to the lower arc id (deterministic).
 * Search boxes grow from 100 m: a segment whose true distance is ≤ r always intersects the box of radius r.
 */
export function snapToRoad(
  snapIndex: SnapIndex,
  lat: number,
  lon: number,
  maxDistanceM: number = DEFAULT_MAX_SNAP_DISTANCE_M,
): Result<Snap, SnapError> {
  const { graph, index, projection, segmentArc } = snapIndex;
  if (snapIndex.segmentArc.length === 0)
    return err({ kind: 'too-far-from-road', lat, lon, distanceM: Number.POSITIVE_INFINITY });
  const x = lon * projection.metresPerDegLon;
  const y = lat * projection.metresPerDegLat;
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  let bestT = 0;
  for (let radius = 100; ; radius *= 2) {
    const r = Math.min(radius, maxDistanceM);
    for (const s of index.search(x - r, y - r, x + r, y + r)) {
      const { d, t } = distanceToSegment(snapIndex, s, x, y);
      if (d < bestD || (d === bestD && segmentArc[s]! < segmentArc[best]!)) {
        best = s;
        bestD = d;
        bestT = t;
      }
    }
    if (bestD <= r || r >= maxDistanceM) break;
  }
  if (best < 0 || bestD > maxDistanceM) {
    const nearest = index.neighbors(x, y, 1)[0]!;
    return err({
      kind: 'too-far-from-road',
      lat,
      lon,
      distanceM: Math.round(distanceToSegment(snapIndex, nearest, x, y).d),
    });
  }
  const arc = segmentArc[best]!;
  const [lat0, lon0] = arcPoint(graph, snapIndex.tail, arc, snapIndex.segmentPart[best]!);
  const [lat1, lon1] = arcPoint(graph, snapIndex.tail, arc, snapIndex.segmentPart[best]! + 1);
  const segmentM = Math.hypot((lon1 - lon0) * projection.metresPerDegLon, (lat1 - lat0) * projection.metresPerDegLat);
  const polylineM = snapIndex.arcPolylineM[arc]!;
  const along = snapIndex.segmentOffsetM[best]! + bestT * segmentM;
  const offsetM = polylineM > 0 ? (along / polylineM) * graph.lengthM[arc]! : 0;
  return ok({
    arc,
    offsetM,
    distanceM: bestD,
    lat: lat0 + bestT * (lat1 - lat0),
    lon: lon0 + bestT * (lon1 - lon0),
    node: along * 2 <= polylineM ? snapIndex.tail[arc]! : graph.head[arc]!,
  });
}

/** Distance (m) from projected (x, y) to segment `s`, and the segment parameter t ∈ [0, 1] of the closest point. */
function distanceToSegment(snapIndex: SnapIndex, s: number, x: number, y: number): { d: number; t: number } {
  const { graph, tail, projection } = snapIndex;
  const arc = snapIndex.segmentArc[s]!;
  const part = snapIndex.segmentPart[s]!;
  const [lat0, lon0] = arcPoint(graph, tail, arc, part);
  const [lat1, lon1] = arcPoint(graph, tail, arc, part + 1);
  const x0 = lon0 * projection.metresPerDegLon;
  const y0 = lat0 * projection.metresPerDegLat;
  const dx = lon1 * projection.metresPerDegLon - x0;
  const dy = lat1 * projection.metresPerDegLat - y0;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2)) : 0;
  return { d: Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)), t };
}

/**
 * Every arc with a segment within `radiusM` of the point, with its distance (m), nearest first then by arc id.
 * @example arcsNear(index, 43.7394, 7.4283, 5) // both directions of the road under a checkpoint
 */
export function arcsNear(
  snapIndex: SnapIndex,
  lat: number,
  lon: number,
  radiusM: number,
): { arc: number; distanceM: number }[] {
  const { index, projection, segmentArc } = snapIndex;
  const x = lon * projection.metresPerDegLon;
  const y = lat * projection.metresPerDegLat;
  const nearest = new Map<number, number>();
  for (const s of index.search(x - radiusM, y - radiusM, x + radiusM, y + radiusM)) {
    const { d } = distanceToSegment(snapIndex, s, x, y);
    const arc = segmentArc[s]!;
    if (d <= radiusM && d < (nearest.get(arc) ?? Number.POSITIVE_INFINITY)) nearest.set(arc, d);
  }
  return [...nearest]
    .map(([arc, distanceM]) => ({ arc, distanceM }))
    .sort((a, b) => a.distanceM - b.distanceM || a.arc - b.arc);
}

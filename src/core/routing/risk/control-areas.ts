// Control areas (who holds which territory) as risk per kilometre, charged to the arcs whose midpoint lies inside.
import type { RoadGraph } from '../../graph/road-graph.ts';
import type { ProfileName } from './profiles.ts';

/** A polygon ring as [lon, lat] pairs (GeoJSON order); the first ring of a polygon is its outline, the rest holes. */
export type Ring = readonly (readonly [number, number])[];

export interface ControlArea {
  readonly id: string;
  readonly name: string;
  readonly controller: string;
  /** Polygons, each an outline followed by holes. */
  readonly polygons: readonly (readonly Ring[])[];
  /** Probability 0..1 per kilometre driven inside that a group of this profile is stopped. */
  readonly riskPerKmByProfile: Readonly<Record<ProfileName, number>>;
}

/** Even-odd ray casting on one ring. */
function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when (lon, lat) is inside any polygon of the area (inside the outline, outside its holes). */
export function areaContains(area: ControlArea, lon: number, lat: number): boolean {
  return area.polygons.some(
    (rings) => inRing(rings[0]!, lon, lat) && !rings.slice(1).some((hole) => inRing(hole, lon, lat)),
  );
}

/**
 * Index of the first area containing each arc's midpoint (middle shape point or the mean of its ends), or -1.
 * Overlapping areas: the first listed wins, so a scenario lists the more specific area first.
 */
export function areaOfArcs(graph: RoadGraph, tail: Uint32Array, areas: readonly ControlArea[]): Int32Array {
  const areaOf = new Int32Array(graph.arcCount).fill(-1);
  if (areas.length === 0) return areaOf;
  for (let a = 0; a < graph.arcCount; a++) {
    let lat = (graph.lat[tail[a]!]! + graph.lat[graph.head[a]!]!) / 2;
    let lon = (graph.lon[tail[a]!]! + graph.lon[graph.head[a]!]!) / 2;
    if (graph.firstShape && graph.firstShape[a + 1]! > graph.firstShape[a]!) {
      const mid = (graph.firstShape[a]! + graph.firstShape[a + 1]! - 1) >> 1;
      lat = graph.shapeLat![mid]!;
      lon = graph.shapeLon![mid]!;
    }
    areaOf[a] = areas.findIndex((area) => areaContains(area, lon, lat));
  }
  return areaOf;
}

/** Risk of driving `lengthM` inside an area with `riskPerKm`: 1 − (1 − q)^km (independent kilometres). */
export function areaRisk(riskPerKm: number, lengthM: number): number {
  return 1 - (1 - Math.min(1, Math.max(0, riskPerKm))) ** (lengthM / 1000);
}

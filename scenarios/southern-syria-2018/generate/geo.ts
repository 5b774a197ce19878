// Small geodesy helpers: great-circle distance, interpolation along a link, point in polygon, ring orientation.

export interface LonLat {
  lon: number;
  lat: number;
}

const EARTH_RADIUS_KM = 6371.0088;

export function greatCircleKm(a: LonLat, b: LonLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point at `fraction` of the way from a to b (linear in degrees; links are short). */
export function along(a: LonLat, b: LonLat, fraction: number): LonLat {
  return { lon: a.lon + (b.lon - a.lon) * fraction, lat: a.lat + (b.lat - a.lat) * fraction };
}

/** Moves a point by a distance in km east and north (flat-earth approximation, fine at this scale). */
export function offsetKm(p: LonLat, eastKm: number, northKm: number): LonLat {
  const kmPerDegLat = 110.574;
  const kmPerDegLon = 111.32 * Math.cos((p.lat * Math.PI) / 180);
  return { lon: p.lon + eastKm / kmPerDegLon, lat: p.lat + northKm / kmPerDegLat };
}

export type Ring = [number, number][];

function insideRing(p: LonLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Polygon given as exterior ring followed by holes (GeoJSON order). */
export function insidePolygon(p: LonLat, rings: Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !insideRing(p, outer)) return false;
  return !holes.some((hole) => insideRing(p, hole));
}

function signedArea(ring: Ring): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return area / 2;
}

/** Closes the ring and makes it counter-clockwise, as RFC 7946 asks of exterior rings. */
export function exteriorRing(points: Ring): Ring {
  const ring: Ring = points.map(([lon, lat]) => [lon, lat]);
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

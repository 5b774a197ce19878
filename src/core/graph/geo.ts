// Great-circle distance and a local planar projection: what importers, snapping and the risk model measure with.

/** Mean Earth radius in metres (IUGG), the radius haversine distances are computed with. */
export const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/**
 * Haversine distance in metres between two WGS84 points.
 * @example haversineM(43.73, 7.42, 43.74, 7.42) // ≈ 1112
 */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Equirectangular projection to metres around a reference latitude: accurate to well under 1 % over a few
 * hundred kilometres, which is all snapping and point-to-segment distances need.
 */
export interface LocalProjection {
  readonly metresPerDegLat: number;
  readonly metresPerDegLon: number;
}

/** The projection centred on `refLat` degrees. */
export function localProjection(refLat: number): LocalProjection {
  const metresPerDegLat = EARTH_RADIUS_M * DEG;
  return { metresPerDegLat, metresPerDegLon: metresPerDegLat * Math.cos(refLat * DEG) };
}

// Defaults per road class for sources that give a class but no speed or capacity (edge lists, GeoJSON, OSM without tags).
import type { RoadClass } from './road-graph.ts';

/** Typical free-flow speed in km/h. */
export const DEFAULT_SPEED_KMH: Readonly<Record<RoadClass, number>> = {
  motorway: 90,
  trunk: 85,
  primary: 65,
  secondary: 55,
  tertiary: 40,
  unclassified: 25,
  residential: 25,
  service: 15,
  track: 10,
};

/**
 * Vehicles per hour one direction can carry (HCM-style planning figures, lowered for damaged roads in a war zone:
 * a convoy of buses is slow and spaced).
 */
export const DEFAULT_CAPACITY_VPH: Readonly<Record<RoadClass, number>> = {
  motorway: 1800,
  trunk: 1400,
  primary: 1000,
  secondary: 700,
  tertiary: 400,
  unclassified: 250,
  residential: 200,
  service: 100,
  track: 50,
};

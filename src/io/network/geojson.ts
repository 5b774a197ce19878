// Imports a GeoJSON FeatureCollection of LineStrings as a road graph; lines meeting at an end coordinate are joined there.
import { RoadGraphBuilder, travelTimeDsFor } from '../../core/graph/build.ts';
import { haversineM } from '../../core/graph/geo.ts';
import { ROAD_CLASSES, type RoadGraph } from '../../core/graph/road-graph.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { NetworkError } from './network-error.ts';
import { carWay, DEFAULT_SPEED_KMH, onewayDirection, parseMaxspeedKmh, roadClassOf } from './osm-car-profile.ts';

type Position = readonly [number, number, ...number[]];

/**
 * Builds a graph from `text` (GeoJSON). Properties: `highway` (OSM value; non-car values are skipped) or
 * `road_class` (one of ROAD_CLASSES), `oneway` (yes/true/1/-1 or a boolean), `maxspeed` or `speed_kmh`.
 * Only line ends are junctions: a line that crosses another without sharing an end does not connect to it.
 * @example geojsonToRoadGraph('{"type":"FeatureCollection","features":[…]}', 'roads.geojson')
 */
export function geojsonToRoadGraph(text: string, path: string): Result<RoadGraph, NetworkError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return err({ kind: 'invalid-geojson', path, feature: -1, message: `not JSON (${(error as Error).message})` });
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return err({ kind: 'invalid-geojson', path, feature: -1, message: 'expected a FeatureCollection' });
  }
  const builder = new RoadGraphBuilder();
  const nodeByCoordinate = new Map<string, number>();
  const nodeAt = (p: Position): number => {
    // 1e-7 degrees (~1 cm) is OSM's own precision: ends closer than that are the same junction.
    const key = `${Math.round(p[1] * 1e7)},${Math.round(p[0] * 1e7)}`;
    let id = nodeByCoordinate.get(key);
    if (id === undefined) {
      id = builder.addNode(p[1], p[0]);
      nodeByCoordinate.set(key, id);
    }
    return id;
  };
  for (const [index, feature] of (collection.features as unknown[]).entries()) {
    const f = feature as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> };
    const geometry = f?.geometry;
    if (geometry?.type !== 'LineString' && geometry?.type !== 'MultiLineString') continue;
    const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates) as unknown[];
    const attributes = lineAttributes(f.properties ?? {});
    if (attributes === undefined) continue;
    if (typeof attributes === 'string')
      return err({ kind: 'invalid-geojson', path, feature: index, message: attributes });
    for (const line of lines) {
      if (!isLine(line)) {
        return err({ kind: 'invalid-geojson', path, feature: index, message: 'coordinates are not [lon, lat] pairs' });
      }
      let lengthM = 0;
      for (let i = 1; i < line.length; i++)
        lengthM += haversineM(line[i - 1]![1], line[i - 1]![0], line[i]![1], line[i]![0]);
      const u = nodeAt(line[0]!);
      const v = nodeAt(line[line.length - 1]!);
      if (u === v) continue;
      const timeDs = travelTimeDsFor(lengthM, attributes.speedKmh);
      if (attributes.direction >= 0) {
        for (let i = 1; i < line.length - 1; i++) builder.addShapePoint(line[i]![1], line[i]![0]);
        builder.addArc(u, v, Math.round(lengthM), timeDs, attributes.roadClass);
      }
      if (attributes.direction <= 0) {
        for (let i = line.length - 2; i > 0; i--) builder.addShapePoint(line[i]![1], line[i]![0]);
        builder.addArc(v, u, Math.round(lengthM), timeDs, attributes.roadClass);
      }
    }
  }
  if (builder.arcCount === 0) return err({ kind: 'empty-network', path });
  return ok(builder.build());
}

function isLine(value: unknown): value is Position[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (p) =>
        Array.isArray(p) &&
        typeof p[0] === 'number' &&
        typeof p[1] === 'number' &&
        Math.abs(p[0]) <= 180 &&
        Math.abs(p[1]) <= 90,
    )
  );
}

/** Class, speed and direction from a feature's properties; undefined = not a car road; a string = the problem. */
function lineAttributes(
  properties: Record<string, unknown>,
): { roadClass: number; speedKmh: number; direction: -1 | 0 | 1 } | string | undefined {
  const tag = (key: string): string | undefined => {
    const value = properties[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    return String(value);
  };
  const explicitSpeed = parseMaxspeedKmh(tag('speed_kmh'));
  if (tag('highway') !== undefined) {
    const way = carWay(tag, { includeTracks: true });
    if (way === undefined) return undefined;
    return explicitSpeed === undefined ? way : { ...way, speedKmh: explicitSpeed };
  }
  const className = tag('road_class') ?? 'unclassified';
  const roadClass = roadClassOf(className);
  if (roadClass === undefined) return `unknown road_class "${className}" (expected one of ${ROAD_CLASSES.join(', ')})`;
  return {
    roadClass: ROAD_CLASSES.indexOf(roadClass),
    speedKmh: explicitSpeed ?? parseMaxspeedKmh(tag('maxspeed')) ?? DEFAULT_SPEED_KMH[roadClass],
    direction: onewayDirection(tag, className),
  };
}

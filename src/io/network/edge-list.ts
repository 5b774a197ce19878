// Imports the scenario's town-level edge list (roads.csv: from,to,km,road_class[,oneway,speed_kmh]) as a road graph.
import { parse } from 'csv-parse/sync';
import { RoadGraphBuilder, travelTimeDsFor } from '../../core/graph/build.ts';
import { ROAD_CLASSES, type RoadGraph } from '../../core/graph/road-graph.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { NetworkError } from './network-error.ts';
import { DEFAULT_SPEED_KMH, roadClassOf } from './osm-car-profile.ts';

/** Where each place id lies; the order of the map gives `externalNodeId` (the place's index). */
export type PlaceCoordinates = ReadonlyMap<string, { readonly lat: number; readonly lon: number }>;

/**
 * Builds a graph whose nodes are the places used by at least one road and whose arcs are straight lines.
 * Rows are numbered as a spreadsheet shows them (the header is row 1).
 * @example edgeListToRoadGraph('from,to,km,road_class\nA,B,12,primary\n', places, 'roads.csv')
 */
export function edgeListToRoadGraph(
  text: string,
  places: PlaceCoordinates,
  path: string,
): Result<RoadGraph, NetworkError> {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  // Arabic- and European-locale Excel saves with semicolons.
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return err({ kind: 'invalid-edge-list', path, row: 0, field: '', message: (error as Error).message });
  }
  const placeIndex = new Map<string, number>();
  for (const id of places.keys()) placeIndex.set(id, placeIndex.size);
  const builder = new RoadGraphBuilder();
  const nodeOfPlace = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const rowNumber = i + 2;
    const bad = (field: string, message: string) =>
      err<NetworkError>({ kind: 'invalid-edge-list', path, row: rowNumber, field, message });
    const ends: number[] = [];
    for (const field of ['from', 'to'] as const) {
      const id = row[field];
      if (id === undefined || id === '') return bad(field, 'missing place id');
      const place = places.get(id);
      if (place === undefined) return bad(field, `unknown place "${id}"`);
      let node = nodeOfPlace.get(id);
      if (node === undefined) {
        node = builder.addNode(place.lat, place.lon, placeIndex.get(id)!);
        nodeOfPlace.set(id, node);
      }
      ends.push(node);
    }
    const km = Number(row.km);
    if (row.km === undefined || row.km === '' || !Number.isFinite(km) || km <= 0)
      return bad('km', `"${row.km ?? ''}" is not a positive number`);
    const roadClass = roadClassOf(row.road_class ?? '');
    if (roadClass === undefined) {
      return bad('road_class', `"${row.road_class ?? ''}" is not one of ${ROAD_CLASSES.join(', ')}`);
    }
    let speedKmh = DEFAULT_SPEED_KMH[roadClass];
    if (row.speed_kmh !== undefined && row.speed_kmh !== '') {
      speedKmh = Number(row.speed_kmh);
      if (!Number.isFinite(speedKmh) || speedKmh <= 0)
        return bad('speed_kmh', `"${row.speed_kmh}" is not a positive number`);
    }
    const oneway = (row.oneway ?? '').toLowerCase();
    if (!['', 'no', 'yes', 'true', 'false', '1', '0'].includes(oneway))
      return bad('oneway', `"${row.oneway}" is not yes or no`);
    const lengthM = Math.round(km * 1000);
    const timeDs = travelTimeDsFor(lengthM, speedKmh);
    const classIndex = ROAD_CLASSES.indexOf(roadClass);
    builder.addArc(ends[0]!, ends[1]!, lengthM, timeDs, classIndex);
    if (!['yes', 'true', '1'].includes(oneway)) builder.addArc(ends[1]!, ends[0]!, lengthM, timeDs, classIndex);
  }
  if (builder.arcCount === 0) return err({ kind: 'empty-network', path });
  return ok(builder.build());
}

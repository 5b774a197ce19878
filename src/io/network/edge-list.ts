// Imports the scenario's town-level edge list (roads.csv) as a road graph, through the same table schema the validator uses.
import { roadGraphFromLinks } from '../../core/graph/from-links.ts';
import type { RoadGraph } from '../../core/graph/road-graph.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { parseTable } from '../../core/scenario/parse-table.ts';
import { roadsTable } from '../../core/scenario/tables.ts';
import { readDelimited } from '../tables/read-table.ts';
import type { NetworkError } from './network-error.ts';

/** Where each place id lies; the order of the map gives `externalNodeId` (the place's index). */
export type PlaceCoordinates = ReadonlyMap<string, { readonly lat: number; readonly lon: number }>;

/**
 * Builds a graph whose nodes are the places and whose arcs are straight lines between them.
 * Rows are numbered as a spreadsheet shows them (the header is row 1); the first problem is returned.
 * @example edgeListToRoadGraph('from,to,km,road_class\nA,B,12,primary\n', places, 'roads.csv')
 */
export function edgeListToRoadGraph(
  text: string,
  places: PlaceCoordinates,
  path: string,
): Result<RoadGraph, NetworkError> {
  const parsed = parseTable(roadsTable, readDelimited(Buffer.from(text, 'utf8'), path));
  const problem = parsed.issues.find((i) => i.severity === 'error');
  if (problem)
    return err({
      kind: 'invalid-edge-list',
      path,
      row: problem.row ?? 0,
      field: problem.column ?? '',
      message: problem.message,
    });
  for (const row of parsed.rows) {
    for (const field of ['from', 'to'] as const) {
      if (!places.has(row[field])) {
        return err({ kind: 'invalid-edge-list', path, row: row._row, field, message: `unknown place "${row[field]}"` });
      }
    }
  }
  if (parsed.rows.length === 0) return err({ kind: 'empty-network', path });
  const points = [...places].map(([id, p]) => ({ id, lat: p.lat, lon: p.lon }));
  return ok(roadGraphFromLinks(points, parsed.rows).graph);
}

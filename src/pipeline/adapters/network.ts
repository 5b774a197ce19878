// The scenario's road network as a RoadGraph, with every place (town, assembly point, exit) on a node.
import { join } from 'node:path';
import { roadGraphFromLinks } from '../../core/graph/from-links.ts';
import { DEFAULT_CAPACITY_VPH } from '../../core/graph/road-defaults.ts';
import { ROAD_CLASSES, type RoadGraph } from '../../core/graph/road-graph.ts';
import { buildSnapIndex, type SnapIndex, snapToRoad } from '../../core/graph/snap.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { loadNetwork } from '../../io/network/load-network.ts';
import { describeNetworkError } from '../../io/network/network-error.ts';

export interface ScenarioNetwork {
  readonly graph: RoadGraph;
  readonly snapIndex: SnapIndex;
  /** The node each place stands on (snapped for OSM/GeoJSON networks). */
  readonly nodeOfPlace: ReadonlyMap<string, number>;
  /** Capacity per arc in vehicles per hour. */
  readonly capacityVph: Float64Array;
}

export type NetworkLoadError = { readonly kind: 'network'; readonly message: string };

/** Builds (edge list) or loads (OSM, GeoJSON) the network of a scenario folder. */
export async function scenarioNetwork(
  scenario: Scenario,
  scenarioDir: string,
): Promise<Result<ScenarioNetwork, NetworkLoadError>> {
  const source = scenario.manifest.network;
  if (source.kind === 'edge-list') {
    const built = roadGraphFromLinks(
      scenario.places.map((p) => ({ id: p.place_id, lat: p.lat, lon: p.lon })),
      scenario.roads,
    );
    return ok({
      graph: built.graph,
      snapIndex: buildSnapIndex(built.graph),
      nodeOfPlace: built.nodeOfPlace,
      capacityVph: built.capacityVph,
    });
  }
  const loaded = await loadNetwork(join(scenarioDir, source.file));
  if (!loaded.ok) return err({ kind: 'network', message: describeNetworkError(loaded.error) });
  const graph = loaded.value.graph;
  const snapIndex = buildSnapIndex(graph);
  const nodeOfPlace = new Map<string, number>();
  for (const place of scenario.places) {
    const snapped = snapToRoad(snapIndex, place.lat, place.lon);
    if (!snapped.ok) {
      return err({
        kind: 'network',
        message: `place "${place.place_id}" is ${Math.round(snapped.error.distanceM)} m from the nearest road of ${source.file}`,
      });
    }
    nodeOfPlace.set(place.place_id, snapped.value.node);
  }
  const capacityVph = new Float64Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) capacityVph[a] = DEFAULT_CAPACITY_VPH[ROAD_CLASSES[graph.roadClass[a]!]!];
  return ok({ graph, snapIndex, nodeOfPlace, capacityVph });
}

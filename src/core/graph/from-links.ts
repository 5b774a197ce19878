// A road graph from town-level links between named places (the scenario's edge list), keeping place → node.
import { RoadGraphBuilder, travelTimeDsFor } from './build.ts';
import { DEFAULT_CAPACITY_VPH, DEFAULT_SPEED_KMH } from './road-defaults.ts';
import { ROAD_CLASSES, type RoadClass, type RoadGraph } from './road-graph.ts';

export interface PlacePoint {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
}

/** One road link; two arcs unless `oneway`. */
export interface RoadLink {
  readonly from: string;
  readonly to: string;
  readonly km: number;
  readonly road_class: RoadClass;
  readonly oneway: boolean;
  readonly speed_kmh?: number | undefined;
  readonly capacity_vph?: number | undefined;
}

export interface LinkGraph {
  readonly graph: RoadGraph;
  /** Every place is a node (isolated if no link touches it), so exits and assembly points always have one. */
  readonly nodeOfPlace: ReadonlyMap<string, number>;
  readonly placeOfNode: readonly string[];
  /** Capacity per arc in vehicles per hour. */
  readonly capacityVph: Float64Array;
  /** The link (index into the input) each arc came from. */
  readonly linkOfArc: Uint32Array;
}

/** Builds the graph; the caller has checked that every link's ends are known places. */
export function roadGraphFromLinks(places: readonly PlacePoint[], links: readonly RoadLink[]): LinkGraph {
  const builder = new RoadGraphBuilder();
  const nodeOfPlace = new Map<string, number>();
  places.forEach((p, index) => {
    nodeOfPlace.set(p.id, builder.addNode(p.lat, p.lon, index));
  });
  const inputCapacity: number[] = [];
  const inputLink: number[] = [];
  links.forEach((link, index) => {
    const from = nodeOfPlace.get(link.from);
    const to = nodeOfPlace.get(link.to);
    if (from === undefined || to === undefined) throw new Error(`road link ${link.from}-${link.to}: unknown place`);
    const lengthM = Math.round(link.km * 1000);
    const timeDs = travelTimeDsFor(lengthM, link.speed_kmh ?? DEFAULT_SPEED_KMH[link.road_class]);
    const classIndex = ROAD_CLASSES.indexOf(link.road_class);
    const capacity = link.capacity_vph ?? DEFAULT_CAPACITY_VPH[link.road_class];
    builder.addArc(from, to, lengthM, timeDs, classIndex);
    inputCapacity.push(capacity);
    inputLink.push(index);
    if (!link.oneway) {
      builder.addArc(to, from, lengthM, timeDs, classIndex);
      inputCapacity.push(capacity);
      inputLink.push(index);
    }
  });
  const { graph, arcOfInput } = builder.buildWithArcOrder();
  const capacityVph = new Float64Array(graph.arcCount);
  const linkOfArc = new Uint32Array(graph.arcCount);
  arcOfInput.forEach((arc, i) => {
    capacityVph[arc] = inputCapacity[i]!;
    linkOfArc[arc] = inputLink[i]!;
  });
  return { graph, nodeOfPlace, placeOfNode: places.map((p) => p.id), capacityVph, linkOfArc };
}

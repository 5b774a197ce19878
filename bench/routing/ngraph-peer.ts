// The peer in the routing benchmark: ngraph.path (NBA*, A*, and A* without heuristic = Dijkstra) on the same graph.
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import type { RoadGraph } from '../../src/core/graph/road-graph.ts';

interface NodeData {
  x: number;
  y: number;
}

export interface PeerRun {
  readonly timesMs: Float64Array;
  readonly distances: Float64Array;
}

export type PeerAlgorithm = 'nba' | 'astar' | 'dijkstra';

/** An ngraph.path pathfinder over our graph: one link per arc (oriented), link data = weight. */
export class NgraphPeer {
  private readonly graph = createGraph<NodeData, number>();

  constructor(
    road: RoadGraph,
    weights: Uint32Array,
    private readonly hasCoordinates: boolean,
  ) {
    for (let v = 0; v < road.nodeCount; v++) this.graph.addNode(v, { x: road.lon[v]!, y: road.lat[v]! });
    for (let v = 0; v < road.nodeCount; v++) {
      for (let a = road.firstOut[v]!; a < road.firstOut[v + 1]!; a++) {
        // ngraph.graph keeps one link per node pair: parallel arcs (two OSM ways between the same junctions)
        // must keep the cheaper weight, as our engines do.
        const existing = this.graph.getLink(v, road.head[a]!);
        if (existing) existing.data = Math.min(existing.data, weights[a]!);
        else this.graph.addLink(v, road.head[a]!, weights[a]!);
      }
    }
  }

  run(algorithm: PeerAlgorithm, sources: Uint32Array, targets: Uint32Array): PeerRun {
    const euclidean = (a: { data: NodeData }, b: { data: NodeData }) =>
      Math.hypot(a.data.x - b.data.x, a.data.y - b.data.y);
    const distance = (_a: unknown, _b: unknown, link: { data: number }) => link.data;
    const heuristic = algorithm !== 'dijkstra' && this.hasCoordinates ? { heuristic: euclidean } : {};
    const options = { oriented: true, distance, ...heuristic };
    const finder = algorithm === 'nba' ? ngraphPath.nba(this.graph, options) : ngraphPath.aStar(this.graph, options);
    const timesMs = new Float64Array(sources.length);
    const distances = new Float64Array(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const start = performance.now();
      const path = finder.find(sources[i]!, targets[i]!);
      timesMs[i] = performance.now() - start;
      distances[i] = this.pathCost(path.map((node) => Number(node.id)).reverse());
    }
    return { timesMs, distances };
  }

  /** Cost of a node path (ngraph returns nodes target first); the cheapest link between each pair. */
  private pathCost(nodes: number[]): number {
    if (nodes.length === 0) return Number.POSITIVE_INFINITY;
    let cost = 0;
    for (let i = 0; i + 1 < nodes.length; i++) {
      let best = Number.POSITIVE_INFINITY;
      this.graph.forEachLinkedNode(
        nodes[i]!,
        (other, link) => {
          if (other.id === nodes[i + 1] && link.data < best) best = link.data;
        },
        true,
      );
      cost += best;
    }
    return cost;
  }
}

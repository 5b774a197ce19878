// Routing benchmark: CCH order/build/customization/queries/alternatives vs our Dijkstra and ngraph.path, same pairs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INF_WEIGHT } from '../../src/core/graph/road-graph.ts';
import { undirectedFromArcs } from '../../src/core/graph/undirected-graph.ts';
import { AlternativeRouter } from '../../src/core/routing/alternatives.ts';
import { CchMetric } from '../../src/core/routing/cch/cch-metric.ts';
import { CchQuery } from '../../src/core/routing/cch/cch-query.ts';
import { CchTopology } from '../../src/core/routing/cch/cch-topology.ts';
import { computeNestedDissectionOrder } from '../../src/core/routing/cch/nested-dissection-order.ts';
import { BidirectionalDijkstraQuery, DijkstraQuery } from '../../src/core/routing/dijkstra.ts';
import { seededRandom } from '../../src/core/routing/random-test-graph.ts';
import { type BenchGraph, loadFlorida, loadMoscow, loadOsmExtract } from './load-graphs.ts';
import { NgraphPeer, type PeerAlgorithm } from './ngraph-peer.ts';
import { mean, ms, quantile } from './stats.ts';

const ORDER_CACHE_VERSION = 'v1';
const { values: args } = parseArgs({
  options: {
    graph: { type: 'string', default: 'all' },
    pairs: { type: 'string', default: '1000' },
    'peer-pairs': { type: 'string', default: '200' },
    'cached-order': { type: 'boolean', default: false },
    'skip-peers': { type: 'boolean', default: false },
  },
});
const pairCount = Number(args.pairs);
const peerPairCount = Math.min(pairCount, Number(args['peer-pairs']));

if (args.graph === 'all') {
  // One process per graph so each peak-memory figure belongs to one graph only.
  const script = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2).filter((a, i, all) => a !== '--graph' && all[i - 1] !== '--graph');
  for (const name of ['moscow', 'florida', 'liechtenstein']) {
    const child = spawnSync(process.execPath, [...process.execArgv, script, '--graph', name, ...passOn], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
} else {
  const bench =
    args.graph === 'moscow'
      ? loadMoscow()
      : args.graph === 'florida'
        ? loadFlorida()
        : args.graph === 'andorra' || args.graph === 'liechtenstein'
          ? loadOsmExtract(args.graph)
          : null;
  if (!bench) {
    console.error(`unknown --graph ${args.graph} (moscow | florida | andorra | liechtenstein | all)`);
    process.exit(2);
  }
  runGraph(bench);
}

function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

function timeMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** The node order, from the cache file or computed; wall and CPU (user) time, to tell our cost from the load. */
function loadOrComputeOrder(bench: BenchGraph): {
  order: Uint32Array<ArrayBufferLike>;
  orderMs: number;
  orderCpuMs: number;
  cached: boolean;
} {
  const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '.cache');
  const { nodeCount, arcCount } = bench.graph;
  const file = path.join(folder, `${bench.name}-${nodeCount}-${arcCount}-${ORDER_CACHE_VERSION}.order`);
  if (args['cached-order'] && existsSync(file)) {
    const bytes = readFileSync(file);
    return {
      order: new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
      orderMs: 0,
      orderCpuMs: 0,
      cached: true,
    };
  }
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const order = computeNestedDissectionOrder(undirectedFromArcs(bench.graph), bench.coordinates);
  const orderMs = performance.now() - start;
  const orderCpuMs = process.cpuUsage(cpuBefore).user / 1000;
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, order);
  return { order, orderMs, orderCpuMs, cached: false };
}

function runGraph(bench: BenchGraph): void {
  const { graph, weights } = bench;
  console.log(`\n## ${bench.name}: ${graph.nodeCount} nodes, ${graph.arcCount} arcs; weights: ${bench.weightNote}`);
  console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}`);
  console.log(
    `  load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other work on the machine skews timings)`,
  );
  const { order, orderMs, orderCpuMs, cached } = loadOrComputeOrder(bench);
  let topology: CchTopology | null = null;
  const buildCpuBefore = process.cpuUsage();
  const buildMs = timeMs(() => {
    topology = CchTopology.build(graph, order);
  });
  const buildCpuMs = process.cpuUsage(buildCpuBefore).user / 1000;
  const cch = topology as unknown as CchTopology;
  line(
    'ordering (nested dissection, inertial flow)',
    cached ? 'cached (run without --cached-order)' : `${ms(orderMs)} wall, ${ms(orderCpuMs)} CPU`,
  );
  line('contraction + triangles (topology build)', `${ms(buildMs)} wall, ${ms(buildCpuMs)} CPU`);
  line('ordering + build', cached ? 'n/a' : `${ms(orderMs + buildMs)} wall, ${ms(orderCpuMs + buildCpuMs)} CPU`);
  line('CCH arcs / lower triangles', `${cch.arcCount} / ${cch.triangleCount}`);
  line('elimination-tree height', String(cch.eliminationTreeHeight()));

  const metric = new CchMetric(cch);
  const customizeRuns: number[] = [];
  const customizeCpuRuns: number[] = [];
  for (let i = 0; i < 11; i++) {
    const cpuBefore = process.cpuUsage();
    customizeRuns.push(timeMs(() => metric.customize(weights)));
    customizeCpuRuns.push(process.cpuUsage(cpuBefore).user / 1000);
  }
  line(
    'full customization, up+down (median of 10 warm)',
    `${ms(quantile(customizeRuns.slice(1), 0.5))} wall, ${ms(quantile(customizeCpuRuns.slice(1), 0.5))} CPU`,
  );

  const random = seededRandom(4242);
  const sources = new Uint32Array(pairCount);
  const targets = new Uint32Array(pairCount);
  for (let i = 0; i < pairCount; i++) {
    sources[i] = Math.floor(random() * graph.nodeCount);
    targets[i] = Math.floor(random() * graph.nodeCount);
  }

  const query = new CchQuery(metric);
  const cchDistances = new Float64Array(pairCount);
  const queryMs = new Float64Array(pairCount);
  const pathMs = new Float64Array(pairCount);
  for (let warm = 0; warm < 2; warm++) {
    for (let i = 0; i < pairCount; i++) {
      const start = performance.now();
      cchDistances[i] = query.run(sources[i]!, targets[i]!);
      queryMs[i] = performance.now() - start;
    }
  }
  let badPaths = 0;
  let arcsTotal = 0;
  for (let i = 0; i < pairCount; i++) {
    const start = performance.now();
    query.run(sources[i]!, targets[i]!);
    const arcs = query.path();
    pathMs[i] = performance.now() - start;
    arcsTotal += arcs.length;
    if (cchDistances[i]! < INF_WEIGHT && !isPathOfCost(bench, arcs, sources[i]!, targets[i]!, cchDistances[i]!)) {
      badPaths++;
    }
  }
  line('query p50 / p95 (distance only)', `${ms(quantile(queryMs, 0.5))} / ${ms(quantile(queryMs, 0.95))}`);
  line('query p50 / p95 with path unpacking', `${ms(quantile(pathMs, 0.5))} / ${ms(quantile(pathMs, 0.95))}`);
  line('mean unpacked path length (input arcs)', (arcsTotal / pairCount).toFixed(0));
  line('unpacked paths that are not real paths of that cost', String(badPaths));

  const bidirectional = new BidirectionalDijkstraQuery(graph);
  const bidirectionalMs = new Float64Array(pairCount);
  let mismatches = 0;
  let unreachable = 0;
  for (let i = 0; i < pairCount; i++) {
    const start = performance.now();
    const expected = bidirectional.run(sources[i]!, targets[i]!, weights).distance;
    bidirectionalMs[i] = performance.now() - start;
    if (expected !== cchDistances[i]) mismatches++;
    if (expected >= INF_WEIGHT) unreachable++;
  }
  line(
    `CCH = bidirectional Dijkstra on all ${pairCount} pairs`,
    `${pairCount - mismatches} equal, ${mismatches} differ (${unreachable} unreachable pairs)`,
  );

  const partialMs = new Float64Array(pairCount);
  const current = weights.slice();
  metric.customize(current);
  const changeRandom = seededRandom(777);
  const changed = new Uint32Array(1);
  let partialMismatches = 0;
  let partialChecked = 0;
  for (let i = 0; i < pairCount; i++) {
    const arc = Math.floor(changeRandom() * graph.arcCount);
    const old = current[arc]!;
    current[arc] = changeRandom() < 0.1 ? INF_WEIGHT : Math.max(1, Math.round(old * (0.5 + 2 * changeRandom())));
    changed[0] = arc;
    const start = performance.now();
    metric.updateArcs(changed, current);
    const distance = query.run(sources[i]!, targets[i]!);
    partialMs[i] = performance.now() - start;
    if (i % 20 === 0) {
      partialChecked++;
      if (bidirectional.run(sources[i]!, targets[i]!, current).distance !== distance) partialMismatches++;
    }
    current[arc] = old;
    metric.updateArcs(changed, current);
  }
  const fresh = new CchMetric(cch);
  fresh.customize(weights);
  const restored = fresh.upDown.every((w, a) => w === metric.upDown[a]);
  line(
    'partial customization + query, 1 arc changed',
    `p50 ${ms(quantile(partialMs, 0.5))} / p95 ${ms(quantile(partialMs, 0.95))}`,
  );
  line(
    '  checked against Dijkstra / after restoring',
    `${partialChecked - partialMismatches}/${partialChecked} equal; metric ${restored ? 'equals' : 'DIFFERS FROM'} full customization`,
  );

  const router = new AlternativeRouter(cch);
  const alternativeMs = new Float64Array(pairCount);
  let routesFound = 0;
  let reachable = 0;
  for (let i = 0; i < pairCount; i++) {
    const start = performance.now();
    const routes = router.find(metric, sources[i]!, targets[i]!, 3);
    alternativeMs[i] = performance.now() - start;
    if (routes.length > 0) reachable++;
    routesFound += routes.length;
  }
  line('3 alternatives p50 / p95', `${ms(quantile(alternativeMs, 0.5))} / ${ms(quantile(alternativeMs, 0.95))}`);
  line('  routes found per reachable pair (mean)', (routesFound / Math.max(1, reachable)).toFixed(2));

  const memory = process.memoryUsage();
  line(
    'memory after CCH phases: rss / heap used',
    `${(memory.rss / 2 ** 20).toFixed(0)} MiB / ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  line('peak rss so far (resourceUsage.maxRSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  const peerSources = sources.subarray(0, peerPairCount);
  const peerTargets = targets.subarray(0, peerPairCount);
  const cchSubsetP50 = quantile(queryMs.subarray(0, peerPairCount), 0.5);
  const cchSubsetMean = mean(queryMs.subarray(0, peerPairCount));
  console.log(
    `  peers on the first ${peerPairCount} pairs (CCH on them: p50 ${ms(cchSubsetP50)}, mean ${ms(cchSubsetMean)}):`,
  );
  const ratio = (times: ArrayLike<number>) =>
    `p50 ${ms(quantile(times, 0.5))}, mean ${ms(mean(times))}  → CCH ${(quantile(times, 0.5) / cchSubsetP50).toFixed(0)}× faster (p50)`;
  line('  our bidirectional Dijkstra', ratio(bidirectionalMs.subarray(0, peerPairCount)));
  const plain = new DijkstraQuery(graph);
  const plainMs = new Float64Array(peerPairCount);
  for (let i = 0; i < peerPairCount; i++) {
    plainMs[i] = timeMs(() => plain.run(peerSources[i]!, peerTargets[i]!, weights));
  }
  line('  our Dijkstra', ratio(plainMs));
  if (args['skip-peers']) return;
  let peer: NgraphPeer | null = null;
  const peerBuildMs = timeMs(() => {
    peer = new NgraphPeer(graph, weights, bench.peerHeuristic ?? bench.coordinates !== null);
  });
  line('  ngraph.graph build', ms(peerBuildMs));
  const algorithms: PeerAlgorithm[] = bench.coordinates ? ['nba', 'astar', 'dijkstra'] : ['nba', 'dijkstra'];
  for (const algorithm of algorithms) {
    const run = (peer as unknown as NgraphPeer).run(algorithm, peerSources, peerTargets);
    let wrong = 0;
    for (let i = 0; i < peerPairCount; i++) {
      const expected = cchDistances[i]! >= INF_WEIGHT ? Number.POSITIVE_INFINITY : cchDistances[i]!;
      if (run.distances[i] !== expected) wrong++;
    }
    const name = { nba: 'ngraph.path NBA*', astar: 'ngraph.path A*', dijkstra: 'ngraph.path Dijkstra (A*, h=0)' }[
      algorithm
    ];
    line(`  ${name}`, `${ratio(run.timesMs)}; ${wrong} distances differ from CCH`);
  }
  line('peak rss incl. peers (resourceUsage.maxRSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

function isPathOfCost(bench: BenchGraph, arcs: Uint32Array, source: number, target: number, cost: number): boolean {
  const { firstOut, head } = bench.graph;
  let at = source;
  let sum = 0;
  for (let i = 0; i < arcs.length; i++) {
    const arc = arcs[i]!;
    if (arc < firstOut[at]! || arc >= firstOut[at + 1]!) return false;
    sum += bench.weights[arc]!;
    at = head[arc]!;
  }
  return at === target && sum === cost;
}

// Reads a TNTP network (read-only, from the shared data folder) into a SchedulingNetwork for the benchmark.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildNetwork } from '../../src/core/scheduling/network.ts';
import { INF_STEPS, type SchedulingNetwork } from '../../src/core/scheduling/types.ts';

/** The shared data folder: SAFEPASSAGE_DATA, else `../shared/data` beside the repository. */
export function dataDir(): string {
  const fromEnv = process.env.SAFEPASSAGE_DATA;
  if (fromEnv) return resolve(fromEnv);
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repo, '..', 'shared', 'data');
}

export interface TntpNetwork {
  readonly name: string;
  readonly network: SchedulingNetwork;
  /** Planar coordinates per node (x, y in the file's units). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Nodes below this index are zone centroids: they may not be traversed. */
  readonly firstThruNode: number;
}

const FILES = {
  chicago: { folder: 'Chicago-Sketch', net: 'ChicagoSketch_net.tntp', node: 'ChicagoSketch_node.tntp' },
  sydney: { folder: 'Sydney', net: 'Sydney_net.tntp.gz', node: 'Sydney_node.tntp.gz' },
} as const;

export type NetworkName = keyof typeof FILES;

function readText(path: string): string {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

/**
 * Modelling (see docs/scheduling.md, "Benchmark model"): 1-minute steps; travel time = free-flow time rounded to
 * the nearest minute (0 allowed: short links cost nothing, long paths keep their sum within rounding); capacity per
 * step = floor(capacity per hour / 60), at least 1; arcs leaving a zone centroid are forbidden (TNTP's rule that
 * zones cannot be traversed).
 */
export function loadTntp(name: NetworkName): TntpNetwork {
  const files = FILES[name];
  const folder = join(dataDir(), 'tntp-networks', files.folder);
  const netText = readText(join(folder, files.net));
  const nodeCount = Number(/<NUMBER OF NODES>\s*(\d+)/.exec(netText)![1]);
  const firstThru = Number(/<FIRST THRU NODE>\s*(\d+)/.exec(netText)![1]);
  const body = netText.slice(netText.indexOf('<END OF METADATA>'));
  const arcs: { tail: number; head: number; travelTimeSteps: number; capacityPerStep: number }[] = [];
  for (const line of body.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || cols[0]!.startsWith('~') || cols[0]!.startsWith('<')) continue;
    const tail = Number(cols[0]) - 1;
    const head = Number(cols[1]) - 1;
    if (!(tail >= 0 && head >= 0 && tail < nodeCount && head < nodeCount)) continue;
    const capacityPerHour = Number(cols[2]);
    const fftMin = Number(cols[4]);
    const zone = tail + 1 < firstThru;
    arcs.push({
      tail,
      head,
      travelTimeSteps: zone ? INF_STEPS : Math.round(fftMin),
      capacityPerStep: Math.max(1, Math.floor(capacityPerHour / 60)),
    });
  }
  const { network } = buildNetwork(nodeCount, arcs);
  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  for (const line of readText(join(folder, files.node)).split('\n')) {
    const cols = line.trim().split(/\s+/);
    const id = Number(cols[0]) - 1;
    if (!(id >= 0 && id < nodeCount) || cols.length < 3) continue;
    x[id] = Number(cols[1]);
    y[id] = Number(cols[2]);
  }
  return { name, network, x, y, firstThruNode: firstThru - 1 };
}

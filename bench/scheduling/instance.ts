// The benchmark's evacuation instance on a TNTP network: seeded origins, four edge exits, evenly split evacuees.
import { distancesToNode, reverseAdjacency } from '../../src/core/scheduling/network.ts';
import { type Exit, INF_STEPS, type SchedulingInstance } from '../../src/core/scheduling/types.ts';
import type { TntpNetwork } from './tntp.ts';

/** mulberry32: a small seeded generator so every run draws the same origins. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Exits: the westernmost, easternmost, southernmost and northernmost traversable nodes with an incoming road;
 * each passes what its incoming roads carry per step, always open. Origins: `originCount` distinct seeded
 * traversable nodes that reach an exit. Evacuees split evenly (the first origins take the remainder), one priority,
 * splittable (an origin is an aggregate of households, as in the CCRP literature).
 */
export function benchmarkInstance(
  tntp: TntpNetwork,
  evacuees: number,
  originCount = 50,
  seed = 2018,
): { instance: SchedulingInstance; horizonSteps: number } {
  const net = tntp.network;
  const reverse = reverseAdjacency(net);
  const traversable = (v: number) =>
    v >= tntp.firstThruNode && reverse.firstIn[v + 1]! > reverse.firstIn[v]! && net.firstOut[v + 1]! > net.firstOut[v]!;
  const pick = (score: (v: number) => number): number => {
    let best = -1;
    for (let v = 0; v < net.nodeCount; v++) if (traversable(v) && (best < 0 || score(v) > score(best))) best = v;
    return best;
  };
  const exitNodes = [
    pick((v) => -tntp.x[v]!),
    pick((v) => tntp.x[v]!),
    pick((v) => -tntp.y[v]!),
    pick((v) => tntp.y[v]!),
  ];
  const dists = exitNodes.map((node) => distancesToNode(net, reverse, net.travelTimeSteps, node));
  const exits: Exit[] = exitNodes.map((node, e) => {
    let capacityPerStep = 0;
    for (let i = reverse.firstIn[node]!; i < reverse.firstIn[node + 1]!; i++) {
      capacityPerStep += net.capacityPerStep[reverse.inArc[i]!]!;
    }
    return { id: `exit-${e}`, mode: 'ground', node, capacityPerStep, windows: [], conditionMet: true };
  });
  const random = seededRandom(seed);
  const origins: number[] = [];
  let maxDist = 0;
  while (origins.length < originCount) {
    const v = Math.floor(random() * net.nodeCount);
    if (!traversable(v) || origins.includes(v) || exitNodes.includes(v)) continue;
    const d = Math.min(...dists.map((dist) => dist[v]!));
    if (d >= INF_STEPS) continue;
    maxDist = Math.max(maxDist, d);
    origins.push(v);
  }
  const exitCapacity = exits.reduce((sum, e) => sum + (e.mode === 'ground' ? e.capacityPerStep : 0), 0);
  const horizonSteps = 4 * (maxDist + Math.ceil(evacuees / exitCapacity)) + 120;
  const groups = origins.map((originNode, i) => ({
    id: `origin-${i}`,
    persons: Math.floor(evacuees / originCount) + (i < evacuees % originCount ? 1 : 0),
    priority: 1,
    originNode,
    allowSplit: true,
  }));
  const open = exits.map((e) => ({ ...e, windows: [{ startStep: 0, endStep: horizonSteps }] }));
  return { instance: { network: net, groups, exits: open, horizonSteps }, horizonSteps };
}

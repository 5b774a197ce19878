// Convoy instances shared by the scheduling tests (not a test file itself): a tiny two-road fixture and seeded grids.
import type { ConvoyInstance } from './convoy-types.ts';
import { type ArcSpec, buildNetwork } from './network.ts';
import { type Exit, INF_STEPS } from './types.ts';

// Assembly point 0, exit 3: short road 0 → 1 → 3 (1 + 1 steps), long road 0 → 2 → 3 (3 + 3), both two-way.
const links: [number, number, number][] = [
  [0, 1, 1],
  [1, 3, 1],
  [0, 2, 3],
  [2, 3, 3],
];
export const { network: twoRoadNetwork } = buildNetwork(
  4,
  links.flatMap(([a, b, t]) => [
    { tail: a, head: b, travelTimeSteps: t, capacityPerStep: 2 },
    { tail: b, head: a, travelTimeSteps: t, capacityPerStep: 2 },
  ]),
);

/** The two-road network's ground exit at node 3, open steps 0–90. */
export const twoRoadLine = {
  id: 'line',
  mode: 'ground' as const,
  node: 3,
  capacityPerStep: 10,
  windows: [{ startStep: 0, endStep: 90 }],
  conditionMet: true,
};

/** One 4-seat bus at node 0 for three households of 4 (priorities 1, 2, 3) at assembly point 0: three shuttles. */
export const twoRoadInstance: ConvoyInstance = {
  network: twoRoadNetwork,
  profileTravelTimeSteps: [twoRoadNetwork.travelTimeSteps],
  vehicles: [{ id: 'bus', seats: 4, count: 1, startNode: 0 }],
  assemblyPoints: [{ id: 'ap', node: 0 }],
  groups: ['a', 'b', 'c'].map((id, i) => ({ id, persons: 4, priority: i + 1, assemblyPointId: 'ap', profile: 0 })),
  exits: [twoRoadLine],
  horizonSteps: 100,
  boardingSteps: 1,
};

/** The two-road network's arc from `tail` to `head`. */
export function twoRoadArc(tail: number, head: number): number {
  const n = twoRoadNetwork;
  for (let a = n.firstOut[tail]!; a < n.firstOut[tail + 1]!; a++) if (n.head[a] === head) return a;
  throw new Error(`no arc ${tail} → ${head}`);
}

/**
 * A 4×4 grid of two-way roads, two profiles (the second barred from a fifth of the arcs), 3 assembly points, a
 * ground line and a flight, drawn from `random` (which the caller may go on drawing from; seed it with core/random.ts).
 */
export function randomConvoyInstance(random: () => number): ConvoyInstance {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const arcs: ArcSpec[] = [];
  const id = (r: number, c: number) => r * 4 + c;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      for (const [dr, dc] of [
        [0, 1],
        [1, 0],
      ] as const) {
        if (r + dr > 3 || c + dc > 3) continue;
        const travelTimeSteps = int(1, 4);
        const capacityPerStep = int(1, 2);
        arcs.push({ tail: id(r, c), head: id(r + dr, c + dc), travelTimeSteps, capacityPerStep });
        arcs.push({ tail: id(r + dr, c + dc), head: id(r, c), travelTimeSteps, capacityPerStep });
      }
    }
  }
  const { network } = buildNetwork(16, arcs);
  const barred = network.travelTimeSteps.slice();
  for (let a = 0; a < barred.length; a++) if (random() < 0.2) barred[a] = INF_STEPS;
  const exits: Exit[] = [
    {
      id: 'line',
      mode: 'ground',
      node: 15,
      capacityPerStep: int(2, 6),
      windows: [
        { startStep: int(5, 15), endStep: int(25, 40) },
        { startStep: 60, endStep: 80 },
      ],
      conditionMet: true,
    },
    { id: 'air', mode: 'air', node: 12, flights: [{ step: int(20, 50), seats: 12 }], conditionMet: random() < 0.5 },
  ];
  return {
    network,
    profileTravelTimeSteps: [network.travelTimeSteps, barred],
    vehicles: [
      { id: 'bus', seats: 12, count: int(1, 2), startNode: 0 },
      { id: 'van', seats: 5, count: int(1, 3), startNode: 3, speedFactor: 1.5 },
    ],
    assemblyPoints: [
      { id: 'ap-1', node: 1 },
      { id: 'ap-2', node: 4 },
      { id: 'ap-3', node: 9 },
    ],
    groups: Array.from({ length: int(6, 14) }, (_, i) => ({
      id: `h${i}`,
      persons: int(1, 7),
      priority: int(1, 3),
      assemblyPointId: `ap-${int(1, 3)}`,
      profile: random() < 0.3 ? 1 : 0,
      readyStep: int(0, 10),
    })),
    exits,
    horizonSteps: 100,
    boardingSteps: int(0, 2),
  };
}

/** The linear congruential generator the grid tests were written against (their seeds' instances depend on it). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * The arcs of a width×width two-way grid, both directions of a link alike: travel times drawn in
 * [minTravel, minTravel + travelSpan), capacities in [1, maxCapacity].
 */
export function randomGridArcs(
  random: () => number,
  width: number,
  draw: { readonly minTravel: number; readonly travelSpan: number; readonly maxCapacity: number },
): ArcSpec[] {
  const arcs: ArcSpec[] = [];
  const id = (x: number, y: number) => y * width + x;
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      for (const [dx, dy] of [
        [1, 0],
        [0, 1],
      ] as const) {
        if (x + dx >= width || y + dy >= width) continue;
        const travelTimeSteps = draw.minTravel + Math.floor(random() * draw.travelSpan);
        const capacityPerStep = 1 + Math.floor(random() * draw.maxCapacity);
        arcs.push({ tail: id(x, y), head: id(x + dx, y + dy), travelTimeSteps, capacityPerStep });
        arcs.push({ tail: id(x + dx, y + dy), head: id(x, y), travelTimeSteps, capacityPerStep });
      }
    }
  }
  return arcs;
}

// The OSM PBF importer on real extracts: counts, one-way streets, a known route, barriers and corrupt files.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../core/graph/geo.ts';
import { arcTails, type RoadGraph } from '../../core/graph/road-graph.ts';
import { buildSnapIndex, snapToRoad } from '../../core/graph/snap.ts';
import { DijkstraQuery } from '../../core/routing/dijkstra.ts';
import { osmPbfToRoadGraph } from './osm-pbf.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const monacoPath = join(repo, 'test/fixtures/osm/monaco.osm.pbf');
const extracts = join(repo, '../shared/data/osm-extracts');

function importFile(path: string): RoadGraph {
  const result = osmPbfToRoadGraph(readFileSync(path), path);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function oneWayArcCount(graph: RoadGraph): number {
  const tail = arcTails(graph);
  const pairs = new Set<string>();
  for (let a = 0; a < graph.arcCount; a++) pairs.add(`${tail[a]}>${graph.head[a]}`);
  let count = 0;
  for (let a = 0; a < graph.arcCount; a++) if (!pairs.has(`${graph.head[a]}>${tail[a]}`)) count++;
  return count;
}

function routeLengthM(graph: RoadGraph, from: [number, number], to: [number, number]): number {
  const index = buildSnapIndex(graph);
  const s = snapToRoad(index, ...from);
  const t = snapToRoad(index, ...to);
  if (!s.ok || !t.ok) throw new Error('snap failed');
  return new DijkstraQuery(graph).run(s.value.node, t.value.node, graph.lengthM).distance;
}

describe('osmPbfToRoadGraph on Monaco', () => {
  const graph = importFile(monacoPath);

  it('keeps junctions as nodes and degree-2 chains as shaped arcs', () => {
    // SOURCE.md: 1,893 shared nodes on 1,827 car ways; ends and cut points add a few hundred.
    expect(graph.nodeCount).toBeGreaterThan(1800);
    expect(graph.nodeCount).toBeLessThan(3000);
    expect(graph.arcCount).toBeGreaterThan(3500);
    expect(graph.arcCount).toBeLessThan(5500);
    expect(graph.shapeLat!.length).toBeGreaterThan(graph.nodeCount);
    expect(graph.externalNodeId!.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    for (let v = 0; v < graph.nodeCount; v++) {
      expect(graph.lat[v]).toBeGreaterThan(43.71);
      expect(graph.lat[v]).toBeLessThan(43.78);
    }
  });

  it('arc lengths follow their shapes (never shorter than the straight line)', () => {
    const tail = arcTails(graph);
    for (let a = 0; a < graph.arcCount; a++) {
      const straight = haversineM(
        graph.lat[tail[a]!]!,
        graph.lon[tail[a]!]!,
        graph.lat[graph.head[a]!]!,
        graph.lon[graph.head[a]!]!,
      );
      expect(graph.lengthM[a]!).toBeGreaterThanOrEqual(Math.floor(straight) - 1);
    }
  });

  it('respects one-way streets: some arcs exist in one direction only', () => {
    const oneWay = oneWayArcCount(graph);
    expect(oneWay).toBeGreaterThan(200);
    expect(oneWay).toBeLessThan(graph.arcCount / 2);
  });

  it('finds a plausible road distance from the Palace to the Casino', () => {
    // Prince's Palace (43.7314, 7.4199) to Casino de Monte-Carlo (43.7394, 7.4283): 1.1 km as the crow flies.
    const lengthM = routeLengthM(graph, [43.7314, 7.4199], [43.7394, 7.4283]);
    expect(lengthM).toBeGreaterThan(1150);
    expect(lengthM).toBeLessThan(3500);
  });

  it('returns a typed error for truncated, random and non-PBF bytes', () => {
    const bytes = readFileSync(monacoPath);
    for (const input of [bytes.subarray(0, 100_000), new Uint8Array(5000).fill(7), new TextEncoder().encode('hello')]) {
      const result = osmPbfToRoadGraph(input, 'bad.osm.pbf');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('corrupt-pbf');
    }
    const flipped = Uint8Array.from(bytes);
    for (let i = 50_000; i < 60_000; i++) flipped[i] = flipped[i]! ^ 0x5a;
    const corrupt = osmPbfToRoadGraph(flipped, 'flipped.osm.pbf');
    expect(corrupt.ok).toBe(false);
  });
});

describe.skipIf(!existsSync(extracts))(`osmPbfToRoadGraph on Andorra and Liechtenstein (needs ${extracts})`, () => {
  it('imports Andorra with one-way arcs and a plausible Andorra la Vella → Encamp distance', () => {
    const graph = importFile(join(extracts, 'andorra-2021-10-28.osm.pbf'));
    expect(graph.nodeCount).toBeGreaterThan(3000);
    expect(oneWayArcCount(graph)).toBeGreaterThan(100);
    // Andorra la Vella (42.5063, 1.5218) to Encamp (42.5345, 1.5803): 5.7 km straight, ~7.5 km by the CG-2.
    const lengthM = routeLengthM(graph, [42.5063, 1.5218], [42.5345, 1.5803]);
    expect(lengthM).toBeGreaterThan(6000);
    expect(lengthM).toBeLessThan(11_000);
  });

  it('imports Liechtenstein with a plausible Vaduz → Schaan distance', () => {
    const graph = importFile(join(extracts, 'liechtenstein-2021-10-28.osm.pbf'));
    expect(graph.nodeCount).toBeGreaterThan(4000);
    // Vaduz (47.1410, 9.5209) to Schaan (47.1650, 9.5090): 2.8 km straight.
    const lengthM = routeLengthM(graph, [47.141, 9.5209], [47.165, 9.509]);
    expect(lengthM).toBeGreaterThan(2700);
    expect(lengthM).toBeLessThan(5000);
  });
});
if (!existsSync(extracts)) console.warn(`skipping Andorra/Liechtenstein import tests: ${extracts} not found`);

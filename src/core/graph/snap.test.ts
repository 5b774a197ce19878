// Snapping on a hand-made graph (known answers) and on Monaco (shapes, the 5 km limit).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { osmPbfToRoadGraph } from '../../io/network/osm-pbf.ts';
import { RoadGraphBuilder } from './build.ts';
import { buildSnapIndex, snapToRoad } from './snap.ts';

describe('snapToRoad', () => {
  // An L-shaped one-way road 0 → 1 along the equator, bent through a shape point, then a second arc 1 → 2.
  const b = new RoadGraphBuilder();
  const n0 = b.addNode(0, 0);
  const n1 = b.addNode(0.01, 0.01);
  const n2 = b.addNode(0.02, 0.01);
  b.addShapePoint(0, 0.01);
  b.addArc(n0, n1, 2224, 100, 2);
  b.addArc(n1, n2, 1112, 50, 2);
  const index = buildSnapIndex(b.build());

  it('finds the segment, the offset along the arc and the nearer end node', () => {
    // 0.001° north of the shape point's leg, 0.008° east of the start: on arc 0, 890 m along of 2,224.
    const r = snapToRoad(index, 0.001, 0.008);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.arc).toBe(0);
    expect(r.value.distanceM).toBeCloseTo(111.2, 0);
    expect(r.value.offsetM).toBeCloseTo(890, -1);
    expect(r.value.lat).toBeCloseTo(0, 9);
    expect(r.value.node).toBe(n0);
    const onShapeLeg = snapToRoad(index, 0.008, 0.0105);
    expect(onShapeLeg.ok && onShapeLeg.value.node).toBe(n1);
  });

  it('refuses a point farther than the limit, with its distance', () => {
    const far = snapToRoad(index, 0.1, 0.1);
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.error.distanceM).toBeGreaterThan(9000);
    expect(snapToRoad(index, 0.1, 0.1, 20_000).ok).toBe(true);
  });

  it('snaps in Monaco to a road within a few metres, and not from the sea 6 km out', () => {
    const path = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/osm/monaco.osm.pbf');
    const graph = osmPbfToRoadGraph(readFileSync(path), path);
    if (!graph.ok) throw new Error('import failed');
    const monaco = buildSnapIndex(graph.value);
    const casino = snapToRoad(monaco, 43.7394, 7.4283);
    expect(casino.ok && casino.value.distanceM).toBeLessThan(60);
    const sea = snapToRoad(monaco, 43.68, 7.45);
    expect(sea.ok).toBe(false);
    if (!sea.ok) expect(sea.error).toMatchObject({ kind: 'too-far-from-road' });
  });
});

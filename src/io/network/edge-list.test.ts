// The scenario edge list: places become nodes, km and class become arcs, bad rows are named.
import { describe, expect, it } from 'vitest';
import { edgeListToRoadGraph } from './edge-list.ts';

const places = new Map([
  ['daraa', { lat: 32.6189, lon: 36.1021 }],
  ['nasib', { lat: 32.5575, lon: 36.1997 }],
  ['busra', { lat: 32.5181, lon: 36.4817 }],
]);

describe('edgeListToRoadGraph', () => {
  it('builds two-way and one-way arcs with times from class defaults or speed_kmh', () => {
    const text =
      '\ufefffrom;to;km;road_class;oneway;speed_kmh\r\ndaraa;nasib;14;primary;;\r\nnasib;busra;30.5;secondary;yes;60\r\n';
    const result = edgeListToRoadGraph(text, places, 'roads.csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const g = result.value;
    expect(g.nodeCount).toBe(3);
    expect(g.arcCount).toBe(3);
    expect(Array.from(g.lengthM).sort()).toEqual([14_000, 14_000, 30_500]);
    // 30.5 km at 60 km/h = 30.5 min = 18,300 ds; 14 km at the primary default 65 km/h = 775.4 s.
    expect(Array.from(g.travelTimeDs).sort((a, b) => a - b)).toEqual([7754, 7754, 18_300]);
    expect(Array.from(g.externalNodeId!).sort()).toEqual([0, 1, 2]);
  });

  it('names the row and field of an unknown place or a bad number', () => {
    const unknown = edgeListToRoadGraph(
      'from,to,km,road_class\ndaraa,nasib,14,primary\ndaraa,inkhil,9,tertiary\n',
      places,
      'r.csv',
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatchObject({ kind: 'invalid-edge-list', row: 3, field: 'to' });
    const km = edgeListToRoadGraph('from,to,km,road_class\ndaraa,nasib,-1,primary\n', places, 'r.csv');
    if (!km.ok) expect(km.error).toMatchObject({ row: 2, field: 'km' });
    expect(km.ok).toBe(false);
  });
});

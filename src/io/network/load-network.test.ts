// loadNetwork: format detection, the binary cache round trip and its staleness check, errors for bad files.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeGraphCache, encodeGraphCache } from './graph-cache.ts';
import { loadNetwork } from './load-network.ts';
import { describeNetworkError } from './network-error.ts';

const monaco = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/osm/monaco.osm.pbf');

describe('loadNetwork', () => {
  it('imports a PBF, writes the cache, then reads the identical graph back from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-net-'));
    const source = join(dir, 'monaco.osm.pbf');
    writeFileSync(source, readFileSync(monaco));
    const first = await loadNetwork(source, { cache: true });
    expect(first.ok && first.value.cache).toBe('written');
    const second = await loadNetwork(source, { cache: true });
    expect(second.ok && second.value.cache).toBe('hit');
    if (!first.ok || !second.ok) return;
    const a = first.value.graph;
    const b = second.value.graph;
    expect(b.nodeCount).toBe(a.nodeCount);
    for (const key of [
      'firstOut',
      'head',
      'lengthM',
      'travelTimeDs',
      'roadClass',
      'lat',
      'lon',
      'externalNodeId',
      'firstShape',
      'shapeLat',
      'shapeLon',
    ] as const) {
      expect(Array.from(b[key]!)).toEqual(Array.from(a[key]!));
    }
    // Touching the source makes the cache stale: it is rebuilt, not trusted.
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    const third = await loadNetwork(source, { cache: true });
    expect(third.ok && third.value.cache).toBe('written');
    // The cache file itself loads directly.
    const direct = await loadNetwork(`${source}.spgraph`);
    expect(direct.ok && direct.value.graph.arcCount).toBe(a.arcCount);
  });

  it('refuses truncated caches and reports bad files in one line', async () => {
    const loaded = await loadNetwork(monaco);
    if (!loaded.ok) throw new Error('monaco failed');
    const bytes = encodeGraphCache(loaded.value.graph, { sizeBytes: 1, mtimeMs: 2 });
    expect(decodeGraphCache(bytes.subarray(0, bytes.length / 2))).toBe('truncated');
    expect(decodeGraphCache(bytes, { sizeBytes: 1, mtimeMs: 3 })).toBe('stale');

    const dir = mkdtempSync(join(tmpdir(), 'sp-bad-'));
    writeFileSync(join(dir, 'x.txt'), 'plain text');
    writeFileSync(join(dir, 'y.osm.pbf'), 'not a pbf at all');
    const unknown = await loadNetwork(join(dir, 'x.txt'));
    expect(!unknown.ok && unknown.error.kind).toBe('unknown-network-format');
    const corrupt = await loadNetwork(join(dir, 'y.osm.pbf'));
    expect(!corrupt.ok && corrupt.error.kind).toBe('corrupt-pbf');
    const missing = await loadNetwork(join(dir, 'nope.pbf'));
    expect(!missing.ok && describeNetworkError(missing.error)).toMatch(
      /nope\.pbf: cannot read network file \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'roads.csv'), 'from,to,km,road_class\n');
    const noPlaces = await loadNetwork(join(dir, 'roads.csv'));
    expect(!noPlaces.ok && noPlaces.error.kind).toBe('missing-places');
  });
});

// Loads a road network from any supported file (by magic bytes, then extension), through the binary cache when asked.
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { RoadGraph } from '../../core/graph/road-graph.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { edgeListToRoadGraph, type PlaceCoordinates } from './edge-list.ts';
import { geojsonToRoadGraph } from './geojson.ts';
import { decodeGraphCache, encodeGraphCache, isGraphCache } from './graph-cache.ts';
import type { NetworkError } from './network-error.ts';
import { type OsmImportOptions, osmPbfToRoadGraph } from './osm-pbf.ts';

export type NetworkFormat = 'osm-pbf' | 'geojson' | 'edge-list' | 'cache';

export interface LoadNetworkOptions extends OsmImportOptions {
  /** Read and write a binary cache next to the source (or at `cachePath`). Default false. */
  readonly cache?: boolean;
  /** Where the cache lives; default `<path>.spgraph`. */
  readonly cachePath?: string;
  /** Coordinates of place ids, required for an edge-list network. */
  readonly places?: PlaceCoordinates;
}

export interface LoadedNetwork {
  readonly graph: RoadGraph;
  /** The format of the source file (a cache hit still reports the source's format). */
  readonly format: NetworkFormat;
  /** 'hit': read from the cache; 'written': imported and cached; 'unwritable': imported, cache not saved. */
  readonly cache: 'off' | 'hit' | 'written' | 'unwritable';
}

/**
 * Loads `path` as a road graph. A `.spgraph` file is read directly; other formats go through their importer.
 * @example const r = await loadNetwork('test/fixtures/osm/monaco.osm.pbf', { cache: true });
 */
export async function loadNetwork(
  path: string,
  options: LoadNetworkOptions = {},
): Promise<Result<LoadedNetwork, NetworkError>> {
  let bytes: Uint8Array;
  let source: { sizeBytes: number; mtimeMs: number };
  try {
    const info = await stat(path);
    source = { sizeBytes: info.size, mtimeMs: info.mtimeMs };
    bytes = await readFile(path);
  } catch (error) {
    return err({ kind: 'unreadable-network', path, message: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  if (isGraphCache(bytes)) {
    const graph = decodeGraphCache(bytes);
    if (typeof graph === 'string') return err({ kind: 'unreadable-network', path, message: `graph cache ${graph}` });
    return ok({ graph, format: 'cache', cache: 'hit' });
  }
  const format = detectFormat(bytes, path);
  if (format === undefined) return err({ kind: 'unknown-network-format', path });
  const cachePath = options.cachePath ?? `${path}.spgraph`;
  if (options.cache) {
    const cached = await readFile(cachePath).catch(() => undefined);
    const graph = cached ? decodeGraphCache(cached, source) : undefined;
    if (graph !== undefined && typeof graph !== 'string') return ok({ graph, format, cache: 'hit' });
  }
  const imported = importFormat(format, bytes, path, options);
  if (!imported.ok) return imported;
  if (!options.cache) return ok({ graph: imported.value, format, cache: 'off' });
  // A read-only data folder must not stop routing: the cache is an optimisation.
  const written = await writeFile(cachePath, encodeGraphCache(imported.value, source)).then(
    () => true,
    () => false,
  );
  return ok({ graph: imported.value, format, cache: written ? 'written' : 'unwritable' });
}

function importFormat(
  format: Exclude<NetworkFormat, 'cache'>,
  bytes: Uint8Array,
  path: string,
  options: LoadNetworkOptions,
): Result<RoadGraph, NetworkError> {
  if (format === 'osm-pbf') return osmPbfToRoadGraph(bytes, path, options);
  const text = new TextDecoder().decode(bytes);
  if (format === 'geojson') return geojsonToRoadGraph(text, path);
  if (options.places === undefined) return err({ kind: 'missing-places', path });
  return edgeListToRoadGraph(text, options.places, path);
}

/** Magic bytes first (a PBF's first block header names "OSMHeader"), then the extension. */
export function detectFormat(bytes: Uint8Array, path: string): Exclude<NetworkFormat, 'cache'> | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  if (head.includes('OSMHeader')) return 'osm-pbf';
  const lower = path.toLowerCase();
  if (lower.endsWith('.pbf')) return 'osm-pbf';
  if (lower.endsWith('.geojson') || lower.endsWith('.json') || head.trimStart().startsWith('{')) return 'geojson';
  if (lower.endsWith('.csv')) return 'edge-list';
  return undefined;
}

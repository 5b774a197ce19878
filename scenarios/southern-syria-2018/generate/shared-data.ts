// Reads the real open data the scenario is built from (../shared/data, or $SAFEPASSAGE_DATA).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

export interface PointFeature<P> {
  properties: P;
  geometry: { type: 'Point'; coordinates: [number, number] };
}

export interface SharedData {
  dir: string;
  text(relativePath: string): string;
  json<T>(relativePath: string): T;
  gzipText(relativePath: string): string;
  csv(relativePath: string, options?: { delimiter?: string; skipHashHeader?: boolean }): Record<string, string>[];
}

export function openSharedData(repoRoot: string): SharedData {
  const dir = process.env.SAFEPASSAGE_DATA ?? resolve(repoRoot, '../shared/data');
  const text = (relativePath: string): string => readFileSync(join(dir, relativePath), 'utf8');
  return {
    dir,
    text,
    json: <T>(relativePath: string): T => JSON.parse(text(relativePath)) as T,
    gzipText: (relativePath: string) => gunzipSync(readFileSync(join(dir, relativePath))).toString('utf8'),
    csv: (relativePath, options = {}) => {
      let body = text(relativePath);
      // Flee's headers start with '#' ("#name,region,…"): drop the marker, keep the names.
      if (options.skipHashHeader) body = body.replace(/^#/, '');
      return parse(body, {
        columns: true,
        skip_empty_lines: true,
        delimiter: options.delimiter ?? ',',
        relax_quotes: true,
        trim: true,
      }) as Record<string, string>[];
    },
  };
}

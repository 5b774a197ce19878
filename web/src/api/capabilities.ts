// Which optional endpoints this server has, read once from its OpenAPI document (no probing with 404s).
import { api } from './client.ts';

let paths: Promise<ReadonlySet<string>> | undefined;

/** @example if (await serverHas('/api/dedupe')) … */
export async function serverHas(path: string): Promise<boolean> {
  paths ??= api<{ paths?: Record<string, unknown> }>('/api/openapi.json').then(
    (r) => new Set(r.ok ? Object.keys(r.value.paths ?? {}) : []),
  );
  return (await paths).has(path);
}

// Health and the OpenAPI document: the two routes anyone may call.

import { openApiDocument } from '../openapi.ts';
import { defineRoute, type Route } from '../route.ts';

export function systemRoutes(table: () => readonly Route[]): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/health',
      access: 'public',
      summary: 'Liveness and which store is behind the API',
      responds: '{ ok: true, store: "pglite" | "postgres" }',
      handler: async ({ store }) => ({ json: { ok: true, store: store.location.kind } }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/openapi.json',
      access: 'public',
      summary: 'This API as an OpenAPI 3.1 document, generated from the route table',
      responds: 'the OpenAPI document',
      handler: async () => ({ json: openApiDocument(table()) }),
    }),
  ];
}

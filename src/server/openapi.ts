// The OpenAPI 3.1 document, generated from the route table and its zod schemas (never written by hand).
import { z } from 'zod';
import { PROBLEM_STATUS } from './problem.ts';
import type { Route } from './route.ts';

const jsonSchema = (schema: z.ZodType): unknown => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

function parametersOf(route: Route): unknown[] {
  const parameters: unknown[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined) => {
    if (!(schema instanceof z.ZodObject)) return;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        schema: jsonSchema(field),
      });
    }
  };
  add('path', route.params);
  add('query', route.query);
  return parameters;
}

/** OpenAPI 3.1 for `routes`; each operation carries its policy action as `x-policy-action`. */
export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      'x-policy-action': route.access,
      parameters: parametersOf(route),
      responses: {
        '200': { description: route.responds },
        default: {
          description: `problem+json; code is one of ${Object.keys(PROBLEM_STATUS).join(', ')}`,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    if (route.body !== undefined)
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } };
    if (route.bodyKind === 'bytes')
      operation.requestBody = {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', contentEncoding: 'binary' },
          },
        },
      };
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Safe Passage API', version: '1' },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'status', 'code', 'title'],
          properties: {
            type: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(PROBLEM_STATUS) },
            title: { type: 'string' },
            detail: { type: 'string' },
            issues: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    },
  };
}

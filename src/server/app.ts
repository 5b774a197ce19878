// The HTTP API as a hono app: security headers, body limits, the route table, one error boundary, the web app's files.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import type { CodeCheckLimits, Keyring, LoginLimits, Store } from '../store/index.ts';
import { authorizeRequest } from './authorize-request.ts';
import { ApiProblem, problemBody, zodIssues } from './problem.ts';
import type { Route } from './route.ts';
import { ROUTES } from './route-table.ts';
import type { ServerState } from './server-state.ts';
import { serveWebApp } from './static-files.ts';

export interface AppOptions {
  readonly store: Store;
  readonly keyring: Keyring;
  /** Folder of the scenario's files (OSM/GeoJSON networks are read from it). Default: the working folder. */
  readonly scenarioDir?: string;
  readonly now?: () => Date;
  /** The built web app (web/dist): served under / with a fallback to index.html. */
  readonly staticDir?: string;
  /** Login lockout and rate limits (tests shorten them). */
  readonly loginLimits?: LoginLimits;
  /** Failed pickup-code checks per user before checks pause (default CODE_CHECK_LIMITS: 5 in 10 minutes). */
  readonly codeCheckLimits?: CodeCheckLimits;
}

/** JSON bodies are small; a people list may be large. */
export const JSON_BODY_LIMIT = 64 * 1024;
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024;

/**
 * Builds the API over an open store.
 * @example const app = createApp({ store, keyring }); const res = await app.request('/api/health');
 */
export function createApp(options: AppOptions): Hono {
  const state: ServerState = {
    store: options.store,
    keyring: options.keyring,
    scenarioDir: options.scenarioDir ?? process.cwd(),
    now: options.now ?? (() => new Date()),
    loginLimits: options.loginLimits,
    codeCheckLimits: options.codeCheckLimits,
    planQueues: new Map(),
    wiped: false,
  };
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: false,
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  for (const route of ROUTES) {
    const limit = route.bodyKind === 'bytes' ? UPLOAD_BODY_LIMIT : JSON_BODY_LIMIT;
    app.on(
      route.method,
      route.path,
      bodyLimit({
        maxSize: limit,
        onError: () => {
          throw new ApiProblem('payload-too-large', `the body may be at most ${limit} bytes`);
        },
      }),
      (c) => handle(c, route, state),
    );
  }
  app.all('/api/*', () => {
    throw new ApiProblem('not-found', 'no such endpoint (GET /api/openapi.json lists them)');
  });
  if (options.staticDir !== undefined) serveWebApp(app, options.staticDir);
  app.notFound(() => problemResponse(new ApiProblem('not-found', 'not found')));
  app.onError((error) => {
    if (error instanceof ApiProblem) return problemResponse(error);
    if (error instanceof HTTPException && error.status === 413)
      return problemResponse(new ApiProblem('payload-too-large', 'the body is too large'));
    // A bug, never bad input: one line to the operator's log, nothing of it to the client.
    process.stderr.write(`safepassage serve: internal error: ${(error as Error).message}\n`);
    if (process.env.SAFEPASSAGE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return problemResponse(new ApiProblem('internal', 'something went wrong on the server; it has been logged'));
  });
  return app;
}

function problemResponse(problem: ApiProblem): Response {
  const { status, body } = problemBody(problem);
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...problem.headers },
  });
}

/** The client's address as the socket saw it (never a forwarded header: this server sits on no proxy). */
function clientAddressOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

function parse<T>(schema: z.ZodType<T> | undefined, input: unknown, where: string): T {
  if (schema === undefined) return undefined as T;
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new ApiProblem('invalid-request', `the ${where} is not valid`, { issues: zodIssues(parsed.error, where) });
  return parsed.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (type !== '' && !/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new ApiProblem('unsupported-media-type', 'send the body as application/json');
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem('invalid-request', 'the body is not valid JSON', {
      issues: [{ path: 'body', code: 'invalid-json', message: 'malformed JSON' }],
    });
  }
  // PostgreSQL text and jsonb cannot hold U+0000; no legitimate field needs it.
  if (containsNul(value))
    throw new ApiProblem('invalid-request', 'the body contains a NUL character', {
      issues: [{ path: 'body', code: 'nul-character', message: 'U+0000 is not allowed in any field' }],
    });
  return value;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

/** Every route goes through here: wiped check, authentication and authorisation, input parsing, the handler. */
async function handle(c: Context, route: Route, state: ServerState): Promise<Response> {
  if (state.wiped) throw new ApiProblem('wiped', 'this server has been wiped; nothing is left to serve');
  const now = state.now();
  const params = parse(route.params, c.req.param(), 'path');
  const { actor, token } = await authorizeRequest(c, route, state, params, now);
  const query = parse(route.query, c.req.query(), 'query');
  const body = route.body === undefined ? undefined : parse(route.body, await jsonBody(c), 'body');
  const result = await route.handler({
    store: state.store,
    state,
    actor,
    token,
    clientAddress: clientAddressOf(c),
    now,
    body,
    query,
    params,
    c,
  });
  if (result instanceof Response) return result;
  if (result.status === 204) return c.body(null, 204);
  return c.json(result.json ?? null, result.status ?? 200);
}

// What a route is: method, path, the policy action it needs, its request schemas and its handler — one row of the route table.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Action, Actor, Resource, Store } from '../store/index.ts';
import type { ServerState } from './server-state.ts';

/** `public`: no session; `signed-in`: any valid session; otherwise a policy action checked before the handler. */
export type RouteAccess = Action | 'public' | 'signed-in';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What a handler receives: parsed input, the actor (when signed in) and the server's state. */
export interface RouteContext<Body, Query, Params> {
  readonly store: Store;
  readonly state: ServerState;
  readonly actor: Actor | undefined;
  readonly token: string | undefined;
  readonly clientAddress: string;
  readonly now: Date;
  readonly body: Body;
  readonly query: Query;
  readonly params: Params;
  /** The raw hono context, for headers and streaming bodies. */
  readonly c: Context;
}

/** A handler returns JSON data (sent as 200 unless `status` says otherwise) or a ready Response. */
export type RouteResult = Response | { readonly status?: 200 | 201 | 204; readonly json?: unknown };

export interface RouteSpec<Body, Query, Params> {
  readonly method: HttpMethod;
  /** Hono path syntax: `/api/cases/:id`. */
  readonly path: string;
  readonly access: RouteAccess;
  readonly summary: string;
  /** `json` (default for POST): a JSON body parsed by `body`; `bytes`: raw bytes (imports) with a larger limit. */
  readonly bodyKind?: 'none' | 'json' | 'bytes';
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
  readonly params?: z.ZodType<Params>;
  /** For case-level actions: the resource the policy decides on (throw ApiProblem not-found if absent). */
  readonly resource?: (store: Store, params: Params) => Promise<Resource>;
  /** Response description for the OpenAPI document. */
  readonly responds: string;
  readonly handler: (ctx: RouteContext<Body, Query, Params>) => Promise<RouteResult>;
}

/** A route with its types erased, as the table holds it. */
export type Route = RouteSpec<unknown, unknown, unknown>;

/**
 * Declares a route with typed input; the table stores it erased.
 * @example defineRoute({ method: 'GET', path: '/api/me', access: 'signed-in', summary: 'Who am I', responds: '…', handler })
 */
export function defineRoute<Body = undefined, Query = undefined, Params = undefined>(
  spec: RouteSpec<Body, Query, Params>,
): Route {
  return spec as unknown as Route;
}

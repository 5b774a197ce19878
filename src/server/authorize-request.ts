// The one place a request is authenticated and authorised: Bearer token → Actor → the store's policy, before any handler.
import type { Context } from 'hono';
import { ACTIONS, type Action, type Actor, authenticateSession, authorize, type Resource } from '../store/index.ts';
import { ApiProblem } from './problem.ts';
import type { Route } from './route.ts';
import type { ServerState } from './server-state.ts';

/** The bearer token of the request, if it has one. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match?.[1];
}

/** The resource an action is decided on when the route names none: the whole system, or the actor's organisation. */
export function defaultResource(action: Action, actor: Actor): Resource {
  return ACTIONS[action].resource === 'system'
    ? { kind: 'system' }
    : { kind: 'organisation', organisationId: actor.organisationId };
}

/**
 * Authenticates and authorises `route` for this request. Public routes pass; `signed-in` needs a session;
 * every other route needs the policy's yes for its action on its resource. A role the policy denies outright
 * gets 403; a case the actor may not see is 404 (no existence oracle).
 */
export async function authorizeRequest(
  c: Context,
  route: Route,
  state: ServerState,
  params: unknown,
  now: Date,
): Promise<{ actor: Actor | undefined; token: string | undefined }> {
  if (route.access === 'public') return { actor: undefined, token: undefined };
  const token = bearerToken(c);
  if (token === undefined)
    throw new ApiProblem('unauthenticated', 'send Authorization: Bearer <token> (POST /api/login)');
  const session = await authenticateSession(state.store, token, now);
  if (!session.ok) throw new ApiProblem('unauthenticated', 'the session is unknown or has expired; sign in again');
  const { actor, mustChangePassword } = session.value;
  if (route.access === 'signed-in') return { actor, token };
  if (mustChangePassword)
    throw new ApiProblem('password-change-required', 'change the one-time password first (POST /api/password)');
  const action = route.access;
  if (ACTIONS[action].rules[actor.role] === 'deny') throw new ApiProblem('forbidden', `not allowed: ${action}`);
  const resource =
    route.resource === undefined ? defaultResource(action, actor) : await route.resource(state.store, params);
  const decision = authorize(actor, action, resource);
  if (!decision.allowed)
    throw resource.kind === 'case'
      ? new ApiProblem('not-found', 'no such case')
      : new ApiProblem('forbidden', `not allowed: ${action}`);
  return { actor, token };
}

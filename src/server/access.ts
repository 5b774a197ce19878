// The store's AccessContext for a request: who, from where, why, when — written to every audit row the store adds.
import type { AccessContext, Actor } from '../store/index.ts';
import { ApiProblem } from './problem.ts';

export function accessOf(
  request: { readonly actor: Actor | undefined; readonly clientAddress: string; readonly now: Date },
  purpose: string,
): AccessContext {
  if (request.actor === undefined) throw new ApiProblem('unauthenticated', 'sign in first');
  return { actor: request.actor, clientAddress: request.clientAddress, purpose, now: request.now };
}

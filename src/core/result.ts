// Result<T, E>: how a core function reports a domain failure without throwing (throw is kept for bugs).

/** A success or a typed, serialisable failure. @example const r = ok(3); if (r.ok) r.value; */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a value as a success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps a domain error as a failure. */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

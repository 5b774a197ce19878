// The one HTTP client of the app: same-origin fetch with the bearer token; problem+json turned into a plain outcome.
import { session, signOutLocally } from '../state/session.ts';

/** An API error as data: `code` is the stable problem code the screens translate (`errors.<code>`). */
export interface Problem {
  readonly code: string;
  readonly status: number;
  readonly detail?: string;
  readonly issues?: readonly { file?: string; row?: number; column?: string; path?: string; message: string }[];
  /** Seconds until the server accepts the request again (its `Retry-After` header on 429 and 503). */
  readonly retryAfterSeconds?: number;
}

export type ApiOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: Problem };

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /** JSON-serialised unless it is a string, Blob or ArrayBuffer (sent as is, with `contentType`). */
  readonly body?: unknown;
  readonly contentType?: string;
  /** A token other than the session's (the password change right after a one-time-password login). */
  readonly token?: string;
}

/**
 * Calls the API on our own origin (never another host).
 * @example const people = await api<{ people: PersonRecord[] }>(`/api/people?q=${encodeURIComponent(q)}`);
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<ApiOutcome<T>> {
  if (!path.startsWith('/api/')) throw new Error(`api(): ${path} is not an API path`);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.token ?? session.value?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    const raw = options.body;
    if (typeof raw === 'string' || raw instanceof Blob || raw instanceof ArrayBuffer) {
      body = raw;
      headers['Content-Type'] = options.contentType ?? 'text/plain; charset=utf-8';
    } else {
      body = JSON.stringify(raw);
      headers['Content-Type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
  } catch {
    return { ok: false, problem: { code: 'network', status: 0 } };
  }
  if (response.status === 204) return { ok: true, value: undefined as T };
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.ok) return { ok: true, value: json as T };
  const problem = problemOf(response.status, json, response.headers.get('Retry-After'));
  // A token the server no longer accepts ends the session here too; the login screen takes over.
  if (response.status === 401 && token && path !== '/api/login') signOutLocally();
  return { ok: false, problem };
}

function problemOf(status: number, json: unknown, retryAfter: string | null): Problem {
  const p = (json ?? {}) as Partial<Problem> & { code?: unknown };
  const code = typeof p.code === 'string' ? p.code : status === 404 ? 'not-found' : `http-${status}`;
  // Our server sends Retry-After in seconds; the HTTP-date form is not used by it and is ignored.
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  return {
    code,
    status,
    ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
    ...(Array.isArray(p.issues) ? { issues: p.issues } : {}),
    ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
  };
}

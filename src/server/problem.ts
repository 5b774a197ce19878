// Problem responses (RFC 9457 application/problem+json): the one table from error codes to HTTP statuses.
import type { z } from 'zod';

/** Every stable error code the API sends, with its HTTP status. Clients switch on `code` and translate it. */
export const PROBLEM_STATUS = {
  'invalid-request': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  'totp-required': 401,
  forbidden: 403,
  'password-change-required': 403,
  'not-found': 404,
  'no-scenario': 404,
  'no-plan': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'import-rejected': 422,
  'override-rejected': 422,
  'instructions-rejected': 422,
  'code-unknown': 404,
  'code-outside-window': 422,
  'code-used': 409,
  locked: 429,
  'rate-limited': 429,
  internal: 500,
  wiped: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

/** One issue of a rejected request: a zod path, or a file row and column. */
export interface ProblemIssue {
  readonly path?: string;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly code?: string;
  readonly message: string;
}

/** Whole seconds until `until` (at least 1), as the Retry-After header of a 429 wants them. */
export function retryAfterSeconds(until: Date, now: Date): string {
  return String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}

/**
 * Thrown by handlers and middleware; the app's one `onError` turns it into a problem response.
 * @example throw new ApiProblem('not-found', 'no such case')
 */
export class ApiProblem extends Error {
  readonly code: ProblemCode;
  readonly issues: readonly ProblemIssue[] | undefined;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    code: ProblemCode,
    detail: string,
    extra: { issues?: readonly ProblemIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.code = code;
    this.issues = extra.issues;
    this.headers = extra.headers ?? {};
  }
}

const TITLES: Record<ProblemCode, string> = {
  'invalid-request': 'The request is not valid',
  unauthenticated: 'Sign in first',
  'invalid-credentials': 'Wrong user name or password',
  'totp-required': 'A second-factor code is required',
  forbidden: 'Not allowed',
  'password-change-required': 'Change the one-time password first',
  'not-found': 'Not found',
  'no-scenario': 'No scenario has been imported',
  'no-plan': 'No plan has been run yet',
  conflict: 'Conflict',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'Unsupported content type',
  'import-rejected': 'The import was rejected; nothing was written',
  'override-rejected': 'The allocation override was rejected; nothing was saved',
  'instructions-rejected': 'The instructions could not be made from this plan; nothing was issued',
  'code-unknown': 'No household has this pickup code',
  'code-outside-window': 'The pickup code is not valid at this time',
  'code-used': 'The pickup code has already been used',
  locked: 'Too many attempts; try again later',
  'rate-limited': 'Too many attempts; try again later',
  internal: 'Internal error',
  wiped: 'The store has been wiped',
};

/** The problem+json body and status of `problem`. */
export function problemBody(problem: ApiProblem): { status: number; body: Record<string, unknown> } {
  const status = PROBLEM_STATUS[problem.code];
  return {
    status,
    body: {
      type: 'about:blank',
      status,
      code: problem.code,
      title: TITLES[problem.code],
      detail: problem.message,
      ...(problem.issues === undefined ? {} : { issues: problem.issues }),
    },
  };
}

/** zod issues as problem issues (paths joined with dots; messages as zod wrote them). */
export function zodIssues(error: z.ZodError, where: string): ProblemIssue[] {
  return error.issues.slice(0, 50).map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
  }));
}

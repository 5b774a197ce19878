// The HTTP API's public surface: re-exports only.
export { type AppOptions, createApp, JSON_BODY_LIMIT, UPLOAD_BODY_LIMIT } from './app.ts';
export { ApiProblem, PROBLEM_STATUS, type ProblemCode } from './problem.ts';
export type { Route, RouteAccess } from './route.ts';
export { ROUTES } from './route-table.ts';
export { type RunningServer, startServer } from './start-server.ts';

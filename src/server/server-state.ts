// The state one running API shares between requests: the store, clocks, limits, the re-plan queues and the wiped flag.
import type { CodeCheckLimits, Keyring, LoginLimits, Store } from '../store/index.ts';
import type { PlanQueue } from './plan/plan-queue.ts';

export interface ServerState {
  readonly store: Store;
  readonly keyring: Keyring;
  /** Folder of the scenario's files (only OSM/GeoJSON networks read from it). */
  readonly scenarioDir: string;
  readonly now: () => Date;
  readonly loginLimits: LoginLimits | undefined;
  /** Failed pickup-code checks a user may make per window (default CODE_CHECK_LIMITS). */
  readonly codeCheckLimits: CodeCheckLimits | undefined;
  /** One coalescing queue per scenario: concurrent re-plans share a run. */
  readonly planQueues: Map<string, PlanQueue>;
  /** Set by POST /api/wipe: every later request gets 503 `wiped`. */
  wiped: boolean;
}

// The scheduling engine's input and output as plain typed data, independent of any scenario or file format.

/**
 * The road network as the scheduler sees it (forward CSR). Time is in integer steps (e.g. 1 minute).
 * `capacityPerStep[a]` is how many units may *enter* arc `a` in one step: persons when groups move
 * themselves (`planEvacuation`), vehicles when convoys move them (`planConvoys`).
 * @example { nodeCount: 2, arcCount: 1, firstOut: Uint32Array.of(0, 1, 1), head: Uint32Array.of(1), travelTimeSteps: Uint32Array.of(3), capacityPerStep: Uint32Array.of(10) }
 */
export interface SchedulingNetwork {
  readonly nodeCount: number;
  readonly arcCount: number;
  readonly firstOut: Uint32Array;
  readonly head: Uint32Array;
  /** Default metric. INF_STEPS marks an arc nobody may use. */
  readonly travelTimeSteps: Uint32Array;
  readonly capacityPerStep: Uint32Array;
}

/** Travel time marking a forbidden arc in a metric. */
export const INF_STEPS = 0x7fff_ffff;

/** An opening window of an exit: open for steps `startStep <= t < endStep`. */
export interface ExitWindow {
  readonly startStep: number;
  readonly endStep: number;
}

/** A scheduled flight of an air exit: `seats` persons leave at `step`. */
export interface Flight {
  readonly step: number;
  readonly seats: number;
}

/**
 * A way out. A ground exit passes up to `capacityPerStep` persons per step inside its windows; an air exit
 * (its `node` is the airstrip) passes `seats` persons at each flight's step. An exit whose condition
 * (e.g. a resettlement pledge) is unmet is closed.
 */
export type Exit =
  | {
      readonly id: string;
      readonly mode: 'ground';
      readonly node: number;
      readonly capacityPerStep: number;
      readonly windows: readonly ExitWindow[];
      readonly conditionMet: boolean;
    }
  | {
      readonly id: string;
      readonly mode: 'air';
      readonly node: number;
      readonly flights: readonly Flight[];
      readonly conditionMet: boolean;
    };

/**
 * A household (or, in benchmarks, an aggregated origin). Lower `priority` = more endangered, served first.
 * A group is never split across paths or vehicles unless `allowSplit`.
 */
export interface EvacueeGroup {
  readonly id: string;
  readonly persons: number;
  readonly priority: number;
  readonly originNode: number;
  /** Index into `SchedulingInstance.profileTravelTimeSteps`; absent = the network's default metric. */
  readonly profile?: number;
  /** First step the group can leave its origin (default 0). */
  readonly readyStep?: number;
  readonly allowSplit?: boolean;
}

/** What the planners take. `horizonSteps` sizes the reservation table: nothing is planned at or after it. */
export interface SchedulingInstance {
  readonly network: SchedulingNetwork;
  readonly groups: readonly EvacueeGroup[];
  readonly exits: readonly Exit[];
  readonly horizonSteps: number;
  /** Per-profile travel times (same arc order; INF_STEPS = forbidden for that profile). */
  readonly profileTravelTimeSteps?: readonly Uint32Array[];
}

/** One reserved movement: some persons of some groups leave `originNode`, follow `arcs`, pass an exit. */
export interface Movement {
  readonly groups: readonly { readonly groupId: string; readonly persons: number }[];
  readonly persons: number;
  readonly originNode: number;
  /** Arc ids in travel order. */
  readonly arcs: readonly number[];
  /** Step each arc is entered (waiting at a node is allowed, so not always the previous arrival). */
  readonly arcEntrySteps: readonly number[];
  readonly departureStep: number;
  readonly exitId: string;
  /** The step the persons pass the exit: their arrival. */
  readonly exitStep: number;
}

/** Why (part of) a group is not evacuated. */
export type NotEvacuatedReason =
  | { readonly kind: 'no-route' }
  | { readonly kind: 'condition-unmet'; readonly exitIds: readonly string[] }
  | { readonly kind: 'window'; readonly earliestArrivalStep: number }
  | { readonly kind: 'capacity' }
  /** Convoys only: no vehicle can reach the household's assembly point (or none is ever free to). */
  | { readonly kind: 'no-vehicle' };

export interface NotEvacuated {
  readonly groupId: string;
  readonly persons: number;
  readonly reason: NotEvacuatedReason;
}

export interface PriorityCompletion {
  readonly priority: number;
  readonly persons: number;
  readonly evacuated: number;
  /** Exit step of the last evacuated person of this priority; -1 if none. */
  readonly completionStep: number;
}

export interface WindowCount {
  readonly exitId: string;
  readonly windowEndStep: number;
  /** Persons through this exit before the window closed. */
  readonly evacuated: number;
}

/** The common summary every planner reports. */
export interface ScheduleSummary {
  /** Largest exit step over all movements (0 if none). */
  readonly makespanStep: number;
  readonly evacuatedPersons: number;
  readonly totalPersons: number;
  readonly byPriority: readonly PriorityCompletion[];
  readonly byWindow: readonly WindowCount[];
  readonly notEvacuated: readonly NotEvacuated[];
}

export interface Schedule extends ScheduleSummary {
  readonly movements: readonly Movement[];
}

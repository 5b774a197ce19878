// The convoy planner's input and output: vehicles, assembly points and households as plain typed data.
import type { Exit, ScheduleSummary, SchedulingNetwork } from './types.ts';

/**
 * A vehicle type: `count` identical vehicles of `seats` seats waiting at `startNode` from step 0.
 * `speedFactor` scales travel times: an arc of t steps in a metric takes ceil(t / speedFactor) (default 1).
 * @example { id: 'bus-golan', seats: 50, count: 8, startNode: 12, speedFactor: 1.1 }
 */
export interface ConvoyVehicle {
  readonly id: string;
  readonly seats: number;
  readonly count: number;
  readonly startNode: number;
  readonly speedFactor?: number;
}

/** Where households wait to board. */
export interface AssemblyPoint {
  readonly id: string;
  readonly node: number;
}

/**
 * A household, boarded whole onto one vehicle (never split). Lower `priority` = more endangered.
 * `profile` indexes `ConvoyInstance.profileTravelTimeSteps`: a vehicle carrying it may use only arcs that profile
 * allows (e.g. none through a checkpoint that detains military-age men).
 */
export interface ConvoyGroup {
  readonly id: string;
  readonly persons: number;
  readonly priority: number;
  readonly assemblyPointId: string;
  readonly profile: number;
  /** First step the household is at its assembly point (default 0). */
  readonly readyStep?: number;
}

/**
 * What `planConvoys` takes. `network.capacityPerStep` counts VEHICLES entering an arc per step; exit capacities
 * count persons. Empty vehicles drive with `network.travelTimeSteps`; loaded ones with the per-arc maximum of their
 * passengers' profile metrics (INF_STEPS = forbidden for that profile).
 */
export interface ConvoyInstance {
  readonly network: SchedulingNetwork;
  readonly profileTravelTimeSteps: readonly Uint32Array[];
  readonly vehicles: readonly ConvoyVehicle[];
  readonly assemblyPoints: readonly AssemblyPoint[];
  readonly groups: readonly ConvoyGroup[];
  readonly exits: readonly Exit[];
  /** Nothing is planned at or after this step. */
  readonly horizonSteps: number;
  /** Steps between a vehicle's boarding start at the assembly point and its departure. */
  readonly boardingSteps: number;
}

/** Persons of one household passing an exit at one step (a ground crossing may take a household over a few steps). */
export interface ExitPassage {
  readonly groupId: string;
  readonly persons: number;
  readonly step: number;
}

/**
 * One vehicle trip: from where the vehicle was (its start, or the exit of its previous trip) to an assembly point
 * (`approachArcs`), boarding, then loaded to an exit (`arcs`), where its passengers pass in `exitPassages`.
 * The vehicle is busy until `exitStep` (the last passage: passengers wait in it for their slot).
 */
export interface Convoy {
  readonly vehicleId: string;
  /** Index of the vehicle among all expanded vehicles (type order, then copy): stable within one instance. */
  readonly vehicleIndex: number;
  readonly seats: number;
  /** 1-based trip number of this vehicle. */
  readonly trip: number;
  /** Step the vehicle leaves its position for the assembly point. */
  readonly departureStep: number;
  readonly approachArcs: readonly number[];
  readonly approachEntrySteps: readonly number[];
  readonly assemblyPointId: string;
  /** Step boarding starts (the vehicle is there and so are its households). */
  readonly boardingStep: number;
  /** Step the loaded vehicle leaves the assembly point: boardingStep + boardingSteps. */
  readonly loadedDepartureStep: number;
  readonly pickups: readonly { readonly groupId: string; readonly persons: number }[];
  readonly persons: number;
  /** Profiles of the passengers: the vehicle used arcs all of them may use. */
  readonly profiles: readonly number[];
  /** Loaded route, arc ids in travel order, and the step each is entered. */
  readonly arcs: readonly number[];
  readonly arcEntrySteps: readonly number[];
  readonly exitId: string;
  /** Step the vehicle reaches the exit node. */
  readonly exitArrivalStep: number;
  readonly exitPassages: readonly ExitPassage[];
  /** Step the last passenger passes the exit. */
  readonly exitStep: number;
  /** Arrival at the assembly point of the vehicle's next trip, if it has one. */
  readonly returnArrivalStep?: number;
}

/** The proven bounds and how far the plan is from them. */
export interface ConvoyBound {
  /** No plan evacuating the same households finishes before this step: max of the three bounds below. */
  readonly lowerBoundStep: number;
  /** Max flow over time of persons (people-flow relaxation: vehicles only add constraints). */
  readonly flowBoundStep: number;
  /** Seat-trips: the vehicles cannot have carried everyone before this step. */
  readonly vehicleBoundStep: number;
  /** Exit slots: the open exits' capacity up to this step is needed for everyone (windows exact). */
  readonly exitBoundStep: number;
  /** makespan / lowerBound − 1 (0 when both are 0). */
  readonly gap: number;
}

/** "N of M are out before the window closes; at most K could be." */
export interface WindowOutlook {
  readonly exitId: string;
  readonly windowEndStep: number;
  /** Persons through this exit inside this window. */
  readonly evacuatedInWindow: number;
  /** Persons out through any exit before `windowEndStep` (N). */
  readonly evacuatedByEnd: number;
  /** All persons of the instance (M). */
  readonly totalPersons: number;
  /** Upper bound on persons out by then (K): exit capacity × open steps, seats × feasible trips, routable persons. */
  readonly upperBoundByEnd: number;
}

export interface ConvoySchedule extends ScheduleSummary {
  readonly convoys: readonly Convoy[];
  /** Absent when the bound was not asked for or nobody was evacuated. */
  readonly bound?: ConvoyBound;
  readonly windowOutlook: readonly WindowOutlook[];
}

export interface ConvoyOptions {
  /** Compute the lower bound, gap and window outlook (default true). */
  readonly computeBound?: boolean;
}

/** Work done, for benchmarks. */
export interface ConvoyStats {
  searches: number;
  candidateTrips: number;
}

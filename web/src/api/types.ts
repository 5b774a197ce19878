// Shapes of the API responses the app reads (docs/api.md); only the fields the screens use, all else optional.
import type { FeatureCollection } from 'geojson';

export type Profile = 'military_age_man' | 'woman' | 'child' | 'elderly' | 'medical';
export const PROFILES: readonly Profile[] = ['military_age_man', 'woman', 'child', 'elderly', 'medical'];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly organisation_id?: string;
  readonly organisation_name?: string;
}

export interface LoginResponse {
  readonly token: string;
  readonly expires_at: string;
  readonly must_change_password?: boolean;
  readonly user: User;
}

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly stance: string;
}

export interface Place {
  readonly place_id: string;
  readonly name: string;
  readonly name_arabic?: string | null;
  readonly kind: string;
  readonly lat: number;
  readonly lon: number;
}

export interface ScenarioCheckpoint {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly controller: string;
  readonly kind: string;
  readonly status: string;
  readonly confidence: number;
  readonly reported_at: string;
  readonly [risk: `risk_${string}`]: number | undefined;
}

export interface ExitWindow {
  readonly opens_at: string;
  readonly closes_at: string;
}

export interface ScenarioExit {
  readonly id: string;
  readonly name: string;
  readonly name_arabic?: string | null;
  readonly kind: string;
  readonly lat: number;
  readonly lon: number;
  readonly capacity_per_hour?: number;
  readonly destination_country?: string;
  readonly place_id?: string;
  readonly windows?: readonly ExitWindow[];
}

export interface ScenarioView {
  readonly name: string;
  readonly start_time: string;
  readonly time_zone: string;
  readonly parties: readonly Party[];
  readonly places: readonly Place[];
  readonly roads: FeatureCollection;
  readonly control_areas: FeatureCollection;
  readonly checkpoints: readonly ScenarioCheckpoint[];
  readonly exits: readonly ScenarioExit[];
  readonly field_reports?: readonly FieldReport[];
}

export interface FieldReport {
  readonly id: string;
  readonly target_kind: string;
  readonly target_id: string;
  readonly new_status: string;
  readonly observed_at: string;
  readonly source?: string;
  readonly reliability?: string;
  readonly credibility?: number;
  readonly notes?: string;
}

export interface RouteCheckpoint {
  readonly id: string;
  readonly name: string;
  readonly risk: number;
  readonly verdict: string;
}

export interface PlannedRoute {
  readonly distance_m: number;
  readonly duration_s: number;
  readonly risk: number;
  readonly checkpoints: readonly RouteCheckpoint[];
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: readonly (readonly number[])[] };
}

export interface CutOff {
  readonly kind: string;
  readonly cutBy?: readonly { kind: string; id: string; name: string; reason: string; risk: number }[];
}

export interface AssemblyToExits {
  readonly assembly_point: string;
  readonly profile: Profile;
  readonly exits: readonly { exit_id: string; routes: readonly PlannedRoute[]; cut_off?: CutOff }[];
}

export interface HouseholdRoute {
  readonly household_id: string;
  readonly profile: Profile;
  readonly assembly_point: string | null;
  readonly route?: PlannedRoute | null;
}

export interface TriageFactor {
  readonly factor: string;
  readonly evidence: string;
  readonly points: number;
}

export interface TriageMember {
  readonly personId: string;
  readonly score: number;
  readonly level: string;
  readonly factors: readonly TriageFactor[];
}

export interface TriageHousehold {
  readonly householdId: string;
  readonly score: number;
  readonly level: string;
  readonly factors: readonly TriageFactor[];
  readonly members: readonly TriageMember[];
}

export interface PlanExit {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly open: boolean;
  readonly capacity_per_hour?: number;
  readonly windows: readonly ExitWindow[];
  readonly condition?: string;
  readonly condition_met?: string;
}

export interface Plan {
  readonly format?: string;
  readonly scenario: { name: string; start_time: string; time_zone: string; horizon_hours?: number };
  readonly summary?: Record<string, number>;
  readonly stages?: readonly string[];
  readonly field_reports?: readonly { reportId: string; targetId: string; effect: string; confidence?: number }[];
  readonly exits?: readonly PlanExit[];
  readonly triage?: {
    readonly reference_date?: string;
    readonly persons_by_level?: Record<string, number>;
    readonly households_by_level?: Record<string, number>;
    readonly households?: readonly TriageHousehold[];
  };
  readonly routing?: {
    readonly situation_as_of?: string;
    readonly households?: readonly HouseholdRoute[];
    readonly assembly_to_exits?: readonly AssemblyToExits[];
  };
  readonly schedule?: Schedule;
  readonly dedupe?: PlanDedupe;
  readonly allocation?: Allocation;
  readonly created_at?: string;
  /** Present when this plan is a re-plan from the live status (POST /api/plan/replan-from-status). */
  readonly status_replan?: StatusReplan;
  /** What the plan leaves out (GET/POST /api/plan put these beside the plan; never saved in it). */
  readonly warnings?: readonly PlanWarning[];
}

/** One entry of a plan's `warnings`, e.g. `status-ignored` with the number of check-in events a full plan ignores. */
export interface PlanWarning {
  readonly kind: string;
  readonly events?: number;
}

/** What a re-plan from the live status changed: convoys kept or changed, who is newly stranded, whom to tell again. */
export interface StatusReplan {
  readonly at: string;
  readonly derived_from?: string;
  readonly kept_convoys: number;
  readonly changed_convoys: number;
  readonly dropped_convoys: number;
  readonly evacuated: number;
  readonly previously_evacuated: number;
  readonly out_households: number;
  readonly withdrawn_households: number;
  readonly boarded_households: number;
  readonly waiting_households: number;
  readonly stranded: readonly { household_id: string; persons: number; reason: string; detail?: string }[];
  readonly newly_stranded: readonly { household_id: string; persons: number; reason: string; detail?: string }[];
  readonly changed_households: readonly {
    household_id: string;
    progress: string;
    changed: readonly string[];
    before?: { convoy: string; assembly_point: string; boards_at: string; exit: string; out_by: string };
    after?: { convoy: string; assembly_point: string; boards_at: string; exit: string; out_by: string };
  }[];
  readonly unknown_vehicles: readonly string[];
  /** Households only partly on the vehicle they ride: the rest waits, is not there yet or rode another vehicle. */
  readonly split_households?: readonly {
    household_id: string;
    vehicle: string;
    boarded: number;
    waiting: number;
    not_there: number;
    on_other_vehicles: number;
  }[];
}

/** A person as `/api/people` and `/api/cases/:id` return them (fields the policy withholds are absent). */
export interface PersonRecord {
  readonly person_id: string;
  readonly household_id?: string;
  readonly case_id?: string;
  readonly given_name?: string;
  readonly father_name?: string;
  readonly family_name?: string;
  readonly name_arabic?: string | null;
  readonly sex?: string;
  readonly birth_date?: string;
  readonly role?: string;
  readonly location?: string;
  readonly flags?: string | readonly string[];
}

export interface CaseDetail {
  readonly household_id: string;
  readonly members: readonly PersonRecord[];
  readonly triage?: { level: string; score: number; factors: readonly TriageFactor[] } | null;
}

export interface ImportIssue {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly code?: string;
  readonly message: string;
  readonly severity?: string;
}

export interface SituationChanges {
  readonly households_rerouted: readonly unknown[];
  readonly stranded: readonly unknown[];
}

/** The `schedule` of a plan (convoys over time, exit windows, bound and who is left). */
export interface Schedule {
  readonly step_minutes?: number;
  readonly convoys?: readonly Convoy[];
  readonly evacuated?: number;
  readonly total?: number;
  readonly makespan_at?: string;
  readonly lower_bound_at?: string;
  readonly gap?: number;
  readonly windows?: readonly {
    exit: string;
    closes_at: string;
    out_in_window?: number;
    out_by_close?: number;
    total?: number;
    at_most?: number;
  }[];
  readonly not_evacuated?: readonly { household_id: string; persons: number; reason: string; detail?: string }[];
}

export interface Convoy {
  readonly vehicle: string;
  readonly vehicle_index?: number;
  readonly trip: number;
  readonly seats?: number;
  readonly departs_at?: string;
  readonly assembly_point: string;
  readonly boards_at?: string;
  readonly leaves_at?: string;
  readonly households?: readonly { household_id: string; persons: number }[];
  readonly persons?: number;
  readonly exit: string;
  readonly at_exit?: string;
  readonly out_by?: string;
}

export interface DedupeReason {
  readonly field: string;
  readonly evidence: string;
  readonly contribution: number;
}

/** The matcher's clusters in the plan (read-only; decisions go through /api/dedupe when the server has it). */
export interface PlanDedupe {
  readonly duplicates?: readonly {
    id: string;
    recordIds: readonly string[];
    confidence: number;
    merges: readonly { a: string; b: string; score: number; decidedBy?: string; reasons: readonly DedupeReason[] }[];
  }[];
}

/** One reason in an allocation: a factor with its points, a constraint, or a vetting outcome; `message` says it. */
export interface AllocationReason {
  readonly kind?: string;
  readonly factor?: string;
  readonly points?: number;
  readonly country?: string;
  readonly message?: string;
}

/** The `allocation` of a plan (or GET /api/allocation): households per country with the reasons. */
export interface Allocation {
  readonly status?: string;
  readonly objective?: number;
  readonly bound?: number;
  readonly gap?: number;
  readonly by_country?: readonly { country: string; persons?: number; households?: number; quota_persons?: number }[];
  readonly assignments?: readonly {
    household: string;
    country: string;
    persons?: number;
    score?: number;
    reasons?: readonly (AllocationReason | string)[];
  }[];
  readonly unplaced?: readonly {
    household: string;
    persons?: number;
    reason: AllocationReason | string;
    details?: readonly AllocationReason[];
  }[];
}

/** Counts of one exit or country pledge at the end (GET /api/reconciliation, /api/reconciliation/figures). */
export interface ReconciliationTotals {
  readonly exit?: string;
  readonly country?: string;
  readonly planned: number;
  readonly crossed: number;
  readonly arrived: number;
  readonly missing: number;
  readonly detained: number;
  readonly turned_back: number;
  readonly declined: number;
  readonly other: number;
}

/** One person in the reconciliation; names only when the reader may read people. */
export interface ReconciledPerson {
  readonly person_id: string;
  readonly household_id: string;
  readonly given_name?: string;
  readonly father_name?: string;
  readonly family_name?: string;
  readonly name_arabic?: string;
  readonly planned_convoy?: string;
  readonly planned_exit?: string;
  readonly country: string | null;
  readonly status: string;
  readonly since: string | null;
  readonly vehicle?: string;
  readonly exit?: string;
  readonly outcome: 'out' | 'in_progress' | 'not_out';
  readonly reason?: string;
}

/** GET /api/reconciliation. */
export interface ReconciliationReport {
  readonly scenario: string;
  readonly generated_at: string;
  readonly has_plan: boolean;
  readonly by_status: Readonly<Record<string, number>>;
  readonly by_exit: readonly ReconciliationTotals[];
  readonly by_country: readonly ReconciliationTotals[];
  readonly persons: readonly ReconciledPerson[];
}

/** GET /api/reconciliation/figures: counts only (a liaison: its own country and the cases shared with it). */
export interface ReconciliationFigures {
  readonly generated_at: string;
  readonly operations: readonly {
    readonly scenario: string;
    readonly by_country: readonly ReconciliationTotals[];
    readonly by_exit?: readonly ReconciliationTotals[];
    readonly shared_cases?: readonly {
      readonly case_id: string;
      readonly household_id: string;
      readonly members: number;
      readonly out: number;
      readonly in_progress: number;
      readonly not_out: number;
    }[];
  }[];
}

/** Where a household stands with its instruction (GET /api/instructions). */
export type InstructionState = 'not_issued' | 'issued' | 'sent' | 'acknowledged' | 'refused' | 'changed_since_sent';

/** GET /api/instructions: per household its instruction's facts and delivery state (ids, places, times; no names). */
export interface InstructionsView {
  readonly households: readonly {
    household_id: string;
    persons: number;
    state: InstructionState;
    withdrawn: boolean;
    assembly_point: string | null;
    window_from: string | null;
    window_to: string | null;
    language: string | null;
    parts: number | null;
    has_phone: boolean;
    change: string | null;
    changed_fields: readonly string[];
    last: { state: string; channel: string | null; at: string } | null;
  }[];
  readonly totals: Readonly<Record<InstructionState, number>>;
  readonly not_yet_told: readonly string[];
  readonly last_issue: { plan_run_id: string; issued_at: string } | null;
}

/** POST /api/instructions/issue: what changed since the instructions in force. */
export interface InstructionsIssued {
  readonly plan_run_id: string;
  readonly added: readonly string[];
  /** `reason: 'code-spent'`: told again only for a new pickup code (the old one was used; no longer under way). */
  readonly changed: readonly { household_id: string; fields: readonly string[]; reason?: 'code-spent' }[];
  readonly quiet: readonly string[];
  readonly withdrawn: readonly string[];
  readonly unchanged: number;
  readonly under_way: readonly string[];
  readonly unscheduled: readonly string[];
  readonly to_send: number;
}

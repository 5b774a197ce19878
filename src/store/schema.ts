// The store's tables as Kysely types: what every query is checked against (the SQL lives in migrations.ts).
import type { ColumnType } from 'kysely';

/** A timestamptz column: written as a Date or ISO string, read back as a Date. */
type Instant = ColumnType<Date, Date | string, Date | string>;
/** A jsonb column: written as a JSON string (pg would turn a JS array into a SQL array), read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type OrganisationKind = 'ngo' | 'government';

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** For a government: the partner country it stands for (ISO alpha-3); null for an NGO or when not recorded. */
  country: string | null;
  created_at: Instant;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  username: string;
  role: string;
  /** Argon2id, PHC string (salt and parameters inside). */
  password_hash: string;
  must_change_password: boolean;
  /** The TOTP secret, sealed like a person field (record id = user id); null until enrolment starts. */
  totp_secret: string | null;
  totp_enabled: boolean;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: Instant | null;
  created_at: Instant;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a database reader cannot use a stolen row as a token. */
  token_hash: string;
  user_id: string;
  client_address: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface LoginThrottleTable {
  client_address: string;
  window_started_at: Instant;
  attempts: number;
}

export interface StoreMetaTable {
  id: number;
  /** HMAC of a constant under the index key: tells a wrong key from a right one without holding any secret. */
  key_check: string;
}

export interface ScenariosTable {
  id: string;
  organisation_id: string;
  name: string;
  manifest: Json<unknown>;
  /** Planning inputs that name no person: places, roads, exits (with windows), vehicles, countries. */
  planning_tables: Json<unknown>;
  imported_at: Instant;
  imported_by: string | null;
}

export interface ControlAreasTable {
  scenario_id: string;
  area_id: string;
  position: number;
  controller: string;
  feature: Json<unknown>;
}

export interface CheckpointsTable {
  scenario_id: string;
  checkpoint_id: string;
  position: number;
  status: string;
  reported_at: string;
  checkpoint: Json<unknown>;
}

export interface FieldReportsTable {
  scenario_id: string;
  report_id: string;
  position: number;
  target_kind: string;
  target_id: string;
  new_status: string;
  report: Json<unknown>;
}

export interface HouseholdsTable {
  /** Record id (random): the associated data of its sealed fields. */
  id: string;
  scenario_id: string;
  household_id: string;
  position: number;
  head_id: string;
  member_ids: Json<string[]>;
  /** The households row without its notes, or null when the scenario had none. */
  details: Json<unknown> | null;
  sealed: Json<Record<string, string>>;
}

export interface PeopleTable {
  id: string;
  scenario_id: string;
  person_id: string;
  household_id: string;
  position: number;
  source_row: number;
  relationship: string;
  sex: string;
  birth_date_estimated: boolean;
  nationality: string;
  doc_type: string;
  /** Sensitive fields, each sealed on its own (AES-256-GCM, associated data = record id + field). */
  sealed: Json<Record<string, string>>;
}

export interface DataKeysTable {
  record_id: string;
  /** The record's data key, wrapped (AES-256-GCM) by the keyring's wrap key. */
  wrapped_key: string;
}

export interface PersonBlindIndexTable {
  record_id: string;
  kind: string;
  digest: string;
}

export interface VettingDecisionsTable {
  scenario_id: string;
  position: number;
  household_id: string;
  country: string;
  outcome: string;
  decision: Json<unknown>;
}

export interface CasesTable {
  id: string;
  scenario_id: string;
  household_record_id: string;
  owner_organisation_id: string;
  status: string;
  created_at: Instant;
}

export interface SharingGrantsTable {
  id: string;
  case_id: string;
  organisation_id: string;
  fields: Json<string[]>;
  granted_by: string;
  granted_at: Instant;
  revoked_at: Instant | null;
}

export interface PlanRunsTable {
  id: string;
  scenario_id: string;
  kind: string;
  created_by: string;
  created_at: Instant;
  parameters: Json<unknown>;
  result: Json<unknown>;
}

export interface AllocationsTable {
  id: string;
  plan_run_id: string;
  household_id: string;
  country: string | null;
  status: string;
  overridden_by: string | null;
  reason: string | null;
}

export interface AuditLogTable {
  seq: number;
  occurred_at: Instant;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  client_address: string;
  purpose: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A reviewer's decision on a pair of person records (migration 0002): merge them, or keep them apart. */
export interface MergeDecisionsTable {
  id: string;
  scenario_id: string;
  record_a: string;
  record_b: string;
  kind: 'merge' | 'keepApart';
  decided_by: string;
  decided_at: Date;
}

/** One recorded status change of a person (migration 0003); `at` is the device's ISO time with its offset. */
export interface StatusEventsTable {
  id: string;
  scenario_id: string;
  person_id: string;
  status: string;
  at: string;
  recorded_by: string;
  device: string;
  vehicle: string | null;
  exit: string | null;
  /** The event's note, sealed under its own data key (record id `status-event:<id>`), migration 0005. */
  sealed_note: string | null;
  received_at: Instant;
}

/**
 * A late status event refused because it contradicts accepted ones, held for a coordinator (migration 0007): the
 * event as submitted (note sealed under `held-status-event:<id>`), why, what it would displace, and its resolution.
 */
export interface HeldStatusEventsTable {
  /** The device's event id (the id it gets in status_events if accepted). */
  id: string;
  scenario_id: string;
  person_id: string;
  status: string;
  at: string;
  device: string;
  vehicle: string | null;
  exit: string | null;
  /** The submitted `group` (a household checked in together). */
  group_id: string | null;
  sealed_note: string | null;
  /** The refusal as the device was told it (`contradicts-recorded`, or `group-refused` because of one). */
  refusal: Json<unknown>;
  /** Ids of the accepted events it would make no longer apply, when it was submitted. */
  displaced: Json<string[]>;
  submitted_by: string;
  received_at: Instant;
  resolution: 'accepted' | 'dismissed' | null;
  resolved_by: string | null;
  resolved_at: Instant | null;
  /** The resolver's note, sealed under `held-resolution:<id>`. */
  sealed_resolution_note: string | null;
  /** On accept: the events it made no longer apply, judged against the log at that moment. */
  superseded: Json<string[]> | null;
}

/** Someone not on any list, recorded where they arrived for later matching (migration 0005). */
export interface UnknownArrivalsTable {
  id: string;
  scenario_id: string;
  /** Assembly point place id or exit id. */
  place: string;
  at: string;
  sex: string | null;
  /** People with them, themselves included. */
  persons: number;
  /** Names (Latin and Arabic), approximate age and note, each sealed (record id = `id`). */
  sealed: Json<Record<string, string>>;
  recorded_by: string;
  device: string;
  received_at: Instant;
  matched_household_id: string | null;
  matched_by: string | null;
  matched_at: Instant | null;
}

/** One issue of instructions from a plan run (migration 0004): who issued, when, and the counts it reported. */
export interface InstructionIssuesTable {
  id: string;
  scenario_id: string;
  plan_run_id: string;
  issued_by: string;
  issued_at: Instant;
  summary: Json<unknown>;
}

/**
 * One version of a household's instruction (migration 0004). The facts are plain (re-issue compares them); the
 * texts, phone and code are sealed under `message_id`'s data key; the code is checked against `code_hash` only.
 * A withdrawal (no longer carried) is a version with `change = 'withdrawn'` and no facts.
 */
export interface InstructionsTable {
  id: string;
  scenario_id: string;
  issue_id: string;
  plan_run_id: string;
  household_id: string;
  message_id: string;
  change: 'added' | 'changed' | 'quiet' | 'withdrawn';
  changed_fields: Json<string[]>;
  assembly_point: string | null;
  window_from: string | null;
  window_to: string | null;
  vehicle: string | null;
  exit: string | null;
  language: string | null;
  parts: number | null;
  has_phone: boolean;
  valid_from: string | null;
  valid_until: string | null;
  code_salt: string | null;
  code_hash: string | null;
  sealed: Json<Record<string, string>>;
  issued_at: Instant;
  superseded_at: Instant | null;
}

/** The delivery log of instructions (migration 0004, append-only): sent, acknowledged or refused, by whom, when. */
export interface InstructionDeliveriesTable {
  id: string;
  scenario_id: string;
  household_id: string;
  message_id: string;
  state: 'sent' | 'acknowledged' | 'refused';
  channel: string | null;
  /** The field's ISO time with its offset. */
  at: string;
  recorded_by: string;
  received_at: Instant;
}

/** A pickup code accepted at an assembly point (migration 0004, append-only; one row per code: single use). */
export interface PickupCodeUsesTable {
  message_id: string;
  scenario_id: string;
  household_id: string;
  used_at: string;
  recorded_by: string;
  received_at: Instant;
}

export interface StoreSchema {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  store_meta: StoreMetaTable;
  scenarios: ScenariosTable;
  control_areas: ControlAreasTable;
  checkpoints: CheckpointsTable;
  field_reports: FieldReportsTable;
  households: HouseholdsTable;
  people: PeopleTable;
  data_keys: DataKeysTable;
  person_blind_index: PersonBlindIndexTable;
  vetting_decisions: VettingDecisionsTable;
  cases: CasesTable;
  sharing_grants: SharingGrantsTable;
  plan_runs: PlanRunsTable;
  allocations: AllocationsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  merge_decisions: MergeDecisionsTable;
  status_events: StatusEventsTable;
  held_status_events: HeldStatusEventsTable;
  instruction_issues: InstructionIssuesTable;
  instructions: InstructionsTable;
  instruction_deliveries: InstructionDeliveriesTable;
  pickup_code_uses: PickupCodeUsesTable;
  unknown_arrivals: UnknownArrivalsTable;
}

/** Every table, parents before children (restore inserts in this order, wipe truncates them all). */
export const STORE_TABLES = [
  'organisations',
  'users',
  'sessions',
  'login_throttle',
  'store_meta',
  'scenarios',
  'control_areas',
  'checkpoints',
  'field_reports',
  'households',
  'people',
  'data_keys',
  'person_blind_index',
  'vetting_decisions',
  'cases',
  'sharing_grants',
  'plan_runs',
  'allocations',
  'merge_decisions',
  'status_events',
  'held_status_events',
  'instruction_issues',
  'instructions',
  'instruction_deliveries',
  'pickup_code_uses',
  'unknown_arrivals',
  'audit_log',
  'audit_head',
] as const satisfies readonly (keyof StoreSchema)[];

// The store's schema history: versioned migrations in code, run by Kysely's Migrator (which returns its errors).
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    const now = sql`now()`;
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ngo', 'government')`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('totp_last_step', 'integer')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('client_address', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('login_throttle')
      .addColumn('client_address', 'text', (c) => c.primaryKey())
      .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('store_meta')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('key_check', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('scenarios')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('manifest', 'jsonb', (c) => c.notNull())
      .addColumn('planning_tables', 'jsonb', (c) => c.notNull())
      .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
      .addColumn('imported_by', 'text')
      .execute();
    await db.schema
      .createTable('control_areas')
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('area_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('controller', 'text', (c) => c.notNull())
      .addColumn('feature', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('control_areas_pk', ['scenario_id', 'area_id'])
      .execute();
    await db.schema
      .createTable('checkpoints')
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('checkpoint_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('checkpoint', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('checkpoints_pk', ['scenario_id', 'checkpoint_id'])
      .execute();
    await db.schema
      .createTable('field_reports')
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('report_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('new_status', 'text', (c) => c.notNull())
      .addColumn('report', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('field_reports_pk', ['scenario_id', 'report_id'])
      .execute();

    await db.schema
      .createTable('households')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('head_id', 'text', (c) => c.notNull())
      .addColumn('member_ids', 'jsonb', (c) => c.notNull())
      .addColumn('details', 'jsonb')
      .addColumn('sealed', 'jsonb', (c) => c.notNull())
      .addUniqueConstraint('households_scenario_household', ['scenario_id', 'household_id'])
      .execute();
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('source_row', 'integer', (c) => c.notNull())
      .addColumn('relationship', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('birth_date_estimated', 'boolean', (c) => c.notNull())
      .addColumn('nationality', 'text', (c) => c.notNull())
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('sealed', 'jsonb', (c) => c.notNull())
      .addUniqueConstraint('people_scenario_person', ['scenario_id', 'person_id'])
      .execute();
    await db.schema
      .createTable('data_keys')
      .addColumn('record_id', 'text', (c) => c.primaryKey())
      .addColumn('wrapped_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('person_blind_index')
      .addColumn('record_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('person_blind_index_lookup')
      .on('person_blind_index')
      .columns(['kind', 'digest'])
      .execute();
    await db.schema
      .createTable('vetting_decisions')
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('decision', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('vetting_decisions_pk', ['scenario_id', 'position'])
      .execute();
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('household_record_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
      .addColumn('owner_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sharing_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('fields', 'jsonb', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('plan_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('parameters', 'jsonb', (c) => c.notNull())
      .addColumn('result', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('allocations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_run_id', 'text', (c) => c.notNull().references('plan_runs.id').onDelete('cascade'))
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('overridden_by', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('actor_organisation_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('client_address', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    // One row: the chain's last sequence number and hash. Appenders lock it, so the chain never forks.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
  },
};

/**
 * Reviewers' de-duplication decisions: two records of a scenario (the matcher's record ids, `record_a` before `record_b` in
 * code-unit order, which the store keeps: a database collation may order them otherwise)
 * are one person (`merge`) or two (`keepApart`). No foreign key to `scenarios`: wipe and restore walk the schema's
 * table list, and a key from a table outside it would stop the truncation.
 */
const mergeDecisions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('merge_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('record_a', 'text', (c) => c.notNull())
      .addColumn('record_b', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('merge', 'keepApart')`))
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('merge_decisions_pair', ['scenario_id', 'record_a', 'record_b'])
      .execute();
  },
};

/**
 * Check-in and status events recorded by field officers' devices (issue 10). `id` is the device's event id, so a
 * queue re-sent after an outage is stored once. Append-only: the current status is derived, never stored. No notes
 * (free text about people would need field encryption). No foreign key, for the reason given for merge_decisions.
 */
const statusEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('status_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('vehicle', 'text')
      .addColumn('exit', 'text')
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_events_scenario').on('status_events').column('scenario_id').execute();
  },
};

/**
 * Unknown arrivals (issue 10): someone not on any list reaches an assembly point or an exit and is recorded for
 * later matching. `id` is the device's id (a re-sent queue stores it once); names, age and note are sealed like a
 * person's fields (`sealed`, data key in data_keys). Also a sealed note on status events (why missing, detained…).
 * No foreign key, for the reason given for merge_decisions.
 */
const unknownArrivals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('unknown_arrivals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('sex', 'text')
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('sealed', 'jsonb', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('matched_household_id', 'text')
      .addColumn('matched_by', 'text')
      .addColumn('matched_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('unknown_arrivals_scenario').on('unknown_arrivals').column('scenario_id').execute();
    await db.schema.alterTable('status_events').addColumn('sealed_note', 'text').execute();
  },
};

/**
 * Instructions to evacuees (issue 10). `instructions`: one row per version of a household's instruction, the facts
 * in plain columns (what re-issue compares), the message texts, phone and code sealed under the data key of
 * `message_id` (a `quiet` version, where only what the household is not told changed, shares the message), the
 * pickup code also as a salted HMAC (`code_hash`, what a check verifies). `superseded_at` is the only column ever
 * set after insert. The delivery log and the code uses are append-only, enforced by a trigger; the current state is
 * derived. No foreign keys, for the reason given for merge_decisions.
 */
const instructions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('instruction_issues')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('plan_run_id', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('summary', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('instructions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('issue_id', 'text', (c) => c.notNull())
      .addColumn('plan_run_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('added', 'changed', 'quiet', 'withdrawn')`))
      .addColumn('changed_fields', 'jsonb', (c) => c.notNull())
      .addColumn('assembly_point', 'text')
      .addColumn('window_from', 'text')
      .addColumn('window_to', 'text')
      .addColumn('vehicle', 'text')
      .addColumn('exit', 'text')
      .addColumn('language', 'text')
      .addColumn('parts', 'integer')
      .addColumn('has_phone', 'boolean', (c) => c.notNull())
      .addColumn('valid_from', 'text')
      .addColumn('valid_until', 'text')
      .addColumn('code_salt', 'text')
      .addColumn('code_hash', 'text')
      .addColumn('sealed', 'jsonb', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('superseded_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('instructions_scenario_household')
      .on('instructions')
      .columns(['scenario_id', 'household_id'])
      .execute();
    await db.schema
      .createTable('instruction_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('sent', 'acknowledged', 'refused')`))
      .addColumn('channel', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('instruction_deliveries_scenario')
      .on('instruction_deliveries')
      .column('scenario_id')
      .execute();
    // The primary key makes a code single use even when two officers accept it at the same moment.
    await db.schema
      .createTable('pickup_code_uses')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create function safepassage_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
    for (const table of ['instruction_deliveries', 'pickup_code_uses'])
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function safepassage_append_only()`.execute(db);
  },
};

/** A government organisation says which partner country it stands for (ISO 3166-1 alpha-3), so its liaison's
 * figures are that country's pledge; before this the country had to be guessed from the organisation's name. */
const organisationCountry: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('organisations')
      .addColumn('country', 'text', (c) => c.check(sql`country ~ '^[A-Z]{3}$'`))
      .execute();
  },
};

/**
 * Held status events (issue: refused late check-ins were lost). A late event refused as `contradicts-recorded` (or a
 * household member refused with it) is kept here for a coordinator instead of being dropped: the event as submitted
 * (ids and times clear, its note sealed under the data key of `held-status-event:<id>`), the refusal, the events it
 * would displace, who sent it and when. `id` is the device's event id, so a re-sent queue holds it once. A
 * resolution (accepted / dismissed, by whom, when, an optional note sealed under `held-resolution:<id>`, and on
 * accept the events it superseded) is the only thing ever set after insert. No foreign key, as for merge_decisions.
 */
const heldStatusEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('held_status_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('vehicle', 'text')
      .addColumn('exit', 'text')
      .addColumn('group_id', 'text')
      .addColumn('sealed_note', 'text')
      .addColumn('refusal', 'jsonb', (c) => c.notNull())
      .addColumn('displaced', 'jsonb', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('accepted', 'dismissed')`))
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', 'timestamptz')
      .addColumn('sealed_resolution_note', 'text')
      .addColumn('superseded', 'jsonb')
      .execute();
    await db.schema.createIndex('held_status_events_scenario').on('held_status_events').column('scenario_id').execute();
  },
};

/** The code-check limit counts a user's recent failed checks in the audit log: without an index it scans the log. */
const auditByActor: Migration = {
  async up(db) {
    await db.schema
      .createIndex('audit_log_actor_time')
      .on('audit_log')
      .columns(['actor_user_id', 'occurred_at'])
      .execute();
  },
};

/** The previous hash of the first audit row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-merge-decisions': mergeDecisions,
  '0003-status-events': statusEvents,
  '0004-instructions': instructions,
  '0005-unknown-arrivals': unknownArrivals,
  '0006-organisation-country': organisationCountry,
  '0007-held-status-events': heldStatusEvents,
  '0008-audit-by-actor': auditByActor,
};

/**
 * Brings the schema to the latest version. Like Kysely's Migrator, it returns its error rather than throwing.
 * @example const { error } = await migrateToLatest(db); if (error) …
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  return migrator.migrateToLatest();
}

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

/** The previous hash of the first audit row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-merge-decisions': mergeDecisions,
  '0003-status-events': statusEvents,
};

/**
 * Brings the schema to the latest version. Like Kysely's Migrator, it returns its error rather than throwing.
 * @example const { error } = await migrateToLatest(db); if (error) …
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  return migrator.migrateToLatest();
}

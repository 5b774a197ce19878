// The store's public API: re-exports only (see each file for what it does and why).
export type { AccessContext, Forbidden } from './access-context.ts';
export {
  type OverrideSaveError,
  type OverridesInForce,
  overridesInForce,
  saveOverrideRun,
} from './allocation-overrides.ts';
export { type AuditBreak, type AuditEntry, type AuditVerification, verifyAudit } from './audit.ts';
export { changePassword, LOGIN_LIMITS, type LoggedIn, type LoginError, type LoginLimits, login } from './auth/login.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { type AuthenticatedSession, authenticateSession, revokeSession, SESSION_LIFETIME_MS } from './auth/sessions.ts';
export { beginTotpEnrolment, confirmTotp, type TotpError, totpCodeAt } from './auth/totp.ts';
export { createUser, ensureAdministrator, FIRST_ORGANISATION_ID, type FirstStart, type NewUser } from './auth/users.ts';
export { backup, openBackup, type RestoreError, restore } from './backup.ts';
export { blindDigest, blindIndexKeysOf } from './blind-index.ts';
export {
  type CaseError,
  type CaseView,
  findPeople,
  listCases,
  type PersonMatch,
  readCase,
  shareCase,
} from './cases.ts';
export {
  type DeviceEvent,
  type EventRefusal,
  type RecordedBatch,
  recordStatusEvents,
  type StatusEventsError,
  type StatusLog,
  statusEventsOf,
} from './checkin-events.ts';
export {
  type HeldDecision,
  type HeldEvent,
  type HeldEventError,
  heldStatusEventsOf,
  type LoggedStep,
  resolveHeldEvent,
} from './checkin-held.ts';
export {
  CODE_CHECK_LIMITS,
  type CodeCheckLimits,
  type CodeChecksPaused,
  codeChecksPaused,
  FAILED_CODE_CHECK_ACTIONS,
  RATE_LIMITED_CODE_CHECK_ACTION,
} from './code-check-limit.ts';
export { type IssueError, type IssueOptions, type IssueReport, issueInstructions } from './instructions.ts';
export { type CodeCheckError, type VerifiedCode, verifyPickupCode } from './instructions-codes.ts';
export {
  type DeliveryRecord,
  type HouseholdInstructionState,
  type InstructionsOverview,
  instructionsOverview,
  type RecordedDeliveries,
  recordDeliveries,
} from './instructions-deliveries.ts';
export { exportInstructions, type InstructionExport, type InstructionExportError } from './instructions-export.ts';
export { DELIVERY_STATES, type DeliveryState } from './instructions-versions.ts';
export {
  ARGON2_PRODUCTION,
  type Argon2Params,
  createKeyFile,
  defaultKeyFile,
  type Keyring,
  type KeyringError,
  type KeySource,
  keyringFromPassphrase,
  openKeyFile,
  openOrCreateKeyFile,
} from './keyring.ts';
export { latestPlanRun } from './latest-plan-run.ts';
export {
  decideMerge,
  type MergeDecisionError,
  type ReviewerDecision,
  type ReviewerDecisionKind,
  reviewerDecisionsOf,
  undoMergeDecision,
} from './merge-decisions.ts';
export { MIGRATIONS, migrateToLatest } from './migrations.ts';
export { PGliteDialect } from './pglite-dialect.ts';
export { type Allocation, allocationsOf, overrideAllocation, type PlanRunKind, savePlanRun } from './plan-runs.ts';
export {
  ACTIONS,
  type Action,
  type Actor,
  authorize,
  type Decision,
  filterFields,
  PERSON_FIELDS,
  type Resource,
  STAFF_ROLES,
  type StaffRole,
} from './policy.ts';
export {
  countryOfGovernment,
  type FiguresScope,
  type PersonNames,
  RECONCILIATION_NAME_FIELDS,
  type ReconciliationError,
  type ReconciliationSource,
  reconciliationFiguresOf,
  reconciliationSourceOf,
} from './reconciliation.ts';
export { type ExportError, exportScenario } from './scenario-export.ts';
export { type ImportError, type ImportedScenario, importScenario } from './scenario-import.ts';
export type { StoreSchema } from './schema.ts';
export {
  DEFAULT_DATA_DIR,
  openStore,
  type Store,
  type StoreConfig,
  type StoreLocation,
  type StoreOpenError,
} from './store.ts';
export { chooseStore, describeOpenError, loadKeyring, openChosenStore } from './store-environment.ts';
export {
  type ArrivalCandidate,
  type ArrivalError,
  matchUnknownArrival,
  recordUnknownArrivals,
  type StoredArrival,
  type UnknownArrival,
  unknownArrivalsOf,
} from './unknown-arrivals.ts';
export { type WipeReport, wipe, wipeUnopened } from './wipe.ts';

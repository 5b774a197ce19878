// Matching: Arabic name keys (Latin and Arabic script), blocking, pair scores with reasons, clusters of persons.
export { arabicNameWords, arabicSkeleton, normalizeArabic } from './arabic-name.ts';
export { type BlockingStats, blockingKeys, forEachCandidatePair } from './blocking.ts';
export { type DedupResult, dedupe, type ReviewPair } from './dedupe.ts';
export { jaroWinkler } from './jaro-winkler.ts';
export { cleanLatin, latinNameWords, latinSkeleton } from './latin-name.ts';
export { configForSize, DEFAULT_MATCH_CONFIG, type MatchConfig, thresholdShift } from './match-config.ts';
export {
  applyDecisions,
  type DecidedBy,
  type MergeDecision,
  type PersonCluster,
  pairConfidence,
  type ReplayResult,
  withoutDecision,
} from './merge-decisions.ts';
export { arabicTokens, latinTokens, type NameToken, type PersonNameKey, personNameKey } from './name-key.ts';
export { fieldSimilarity, partSimilarity, tokenSimilarity } from './name-similarity.ts';
export { type ReasonField, type ScoreReason, scorePair } from './pair-score.ts';
export type { PersonLocation, PersonRecord, Sex } from './person-record.ts';
export { type PreparedRecord, prepareRecords } from './prepared-record.ts';

// De-duplication stage: the same person entered twice (by different field teams, in different spellings) found with reasons.
import { type DedupResult, dedupe, type ReviewPair } from '../../core/matching/dedupe.ts';
import type { PersonCluster } from '../../core/matching/merge-decisions.ts';
import type { PersonRecord } from '../../core/matching/person-record.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { toPersonRecord } from '../adapters/people.ts';

export interface DedupeSection {
  /** Persons with more than one record: the likely duplicates. Every record id is kept. */
  readonly duplicates: readonly PersonCluster[];
  /** Uncertain pairs for a person to decide, highest score first. */
  readonly review: readonly ReviewPair[];
  readonly records: number;
  readonly persons: number;
  readonly candidate_pairs: number;
}

/** Runs the matcher over records (any source) and keeps what a coordinator must look at. */
export function dedupeRecords(records: readonly PersonRecord[]): { section: DedupeSection; result: DedupResult } {
  const result = dedupe(records);
  return {
    result,
    section: {
      duplicates: result.clusters.filter((c) => c.recordIds.length > 1),
      review: result.review,
      records: records.length,
      persons: result.clusters.length,
      candidate_pairs: result.stats.candidatePairs,
    },
  };
}

export function runDedupe(scenario: Scenario): DedupeSection {
  return dedupeRecords(scenario.people.map(toPersonRecord)).section;
}

// Reads a checkpoints.csv (the scenario's format) into the risk model's Checkpoint values, for `route --checkpoints`.
import { err, ok, type Result } from '../../core/result.ts';
import type { Checkpoint } from '../../core/routing/risk/checkpoint.ts';
import { parseTable } from '../../core/scenario/parse-table.ts';
import type { Checkpoint as CheckpointRow } from '../../core/scenario/scenario.ts';
import { checkpointsTable } from '../../core/scenario/tables.ts';
import { PROFILES } from '../../core/scenario/vocabulary.ts';
import { readDelimited } from '../tables/read-table.ts';

export interface CheckpointsCsvError {
  readonly kind: 'invalid-checkpoints';
  readonly path: string;
  /** Spreadsheet row (header = 1); 0 when the file as a whole is unreadable. */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/** A scenario checkpoint row as the risk model's Checkpoint. */
export function toRiskCheckpoint(row: Omit<CheckpointRow, '_row'>): Checkpoint {
  // A blank risk is "not known": left out, so the risk model prices it as a checkpoint of unknown status.
  const riskByProfile = Object.fromEntries(
    PROFILES.flatMap((p) => (row[`risk_${p}`] === undefined ? [] : [[p, row[`risk_${p}`]]])),
  ) as Checkpoint['riskByProfile'];
  return {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lon: row.lon,
    controller: row.controller,
    kind: row.kind,
    status: row.status,
    confidence: row.confidence,
    reportedAt: row.reported_at,
    riskByProfile,
  };
}

/**
 * Parses a checkpoints table (CSV text) with the scenario's schema; the first problem is returned.
 * @example parseCheckpointsCsv(text, 'checkpoints.csv')
 */
export function parseCheckpointsCsv(text: string, path: string): Result<Checkpoint[], CheckpointsCsvError> {
  const parsed = parseTable(checkpointsTable, readDelimited(Buffer.from(text, 'utf8'), path));
  const problem = parsed.issues.find((i) => i.severity === 'error');
  if (problem) {
    return err({
      kind: 'invalid-checkpoints',
      path,
      row: problem.row ?? 0,
      field: problem.column ?? '',
      message: problem.message,
    });
  }
  return ok(parsed.rows.map(toRiskCheckpoint));
}

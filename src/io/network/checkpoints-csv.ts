// Reads the scenario's checkpoints.csv into Checkpoint values (used by `route --checkpoints` until the scenario loader serves it).
import { parse } from 'csv-parse/sync';
import { err, ok, type Result } from '../../core/result.ts';
import type { Checkpoint } from '../../core/routing/risk/checkpoint.ts';

export interface CheckpointsCsvError {
  readonly kind: 'invalid-checkpoints';
  readonly path: string;
  /** Spreadsheet row (header = 1); 0 when the file as a whole is unreadable. */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

const KINDS = ['checkpoint', 'roadblock'] as const;
const STATUSES = ['open', 'closed', 'unknown'] as const;

/**
 * Parses `id,name,lat,lon,controller,kind,status,confidence,reported_at,risk_<profile>…`; every `risk_*` column
 * is a profile (an empty cell leaves that profile to the unknown-status risk).
 * @example parseCheckpointsCsv(text, 'checkpoints.csv')
 */
export function parseCheckpointsCsv(text: string, path: string): Result<Checkpoint[], CheckpointsCsvError> {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return err({ kind: 'invalid-checkpoints', path, row: 0, field: '', message: (error as Error).message });
  }
  const checkpoints: Checkpoint[] = [];
  for (const [i, row] of rows.entries()) {
    const bad = (field: string, message: string) =>
      err<CheckpointsCsvError>({ kind: 'invalid-checkpoints', path, row: i + 2, field, message });
    const number = (field: string, min: number, max: number): number | string => {
      const value = Number(row[field]);
      if (row[field] === undefined || row[field] === '' || !Number.isFinite(value) || value < min || value > max) {
        return `"${row[field] ?? ''}" is not a number in ${min}..${max}`;
      }
      return value;
    };
    if (!row.id) return bad('id', 'missing');
    const lat = number('lat', -90, 90);
    if (typeof lat === 'string') return bad('lat', lat);
    const lon = number('lon', -180, 180);
    if (typeof lon === 'string') return bad('lon', lon);
    const confidence = number('confidence', 0, 1);
    if (typeof confidence === 'string') return bad('confidence', confidence);
    const kind = (row.kind || 'checkpoint') as Checkpoint['kind'];
    if (!KINDS.includes(kind)) return bad('kind', `"${row.kind}" is not checkpoint or roadblock`);
    const status = row.status as Checkpoint['status'];
    if (!STATUSES.includes(status)) return bad('status', `"${row.status ?? ''}" is not open, closed or unknown`);
    if (!row.reported_at || Number.isNaN(Date.parse(row.reported_at))) {
      return bad('reported_at', `"${row.reported_at ?? ''}" is not an ISO 8601 time`);
    }
    const riskByProfile: Record<string, number> = {};
    for (const field of Object.keys(row).filter((f) => f.startsWith('risk_'))) {
      if (row[field] === '') continue;
      const risk = number(field, 0, 1);
      if (typeof risk === 'string') return bad(field, risk);
      riskByProfile[field.slice('risk_'.length)] = risk;
    }
    checkpoints.push({
      id: row.id,
      name: row.name ?? row.id,
      lat,
      lon,
      controller: row.controller ?? '',
      kind,
      status,
      confidence,
      reportedAt: row.reported_at,
      riskByProfile,
    });
  }
  return ok(checkpoints);
}

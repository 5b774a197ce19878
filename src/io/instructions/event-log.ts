// Event logs from field devices: JSON lines, parsed once here so the core receives typed events.
import { z } from 'zod';
import { STATUSES, type StatusEvent } from '../../core/operation/index.ts';
import type { SentRecord } from '../../core/operation/reissue.ts';

const eventSchema = z.object({
  id: z.string().min(1),
  personId: z.string().min(1),
  status: z.enum(STATUSES),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
    error: 'must be ISO 8601 with an offset',
  }),
  recordedBy: z.string().min(1),
  device: z.string().min(1),
  vehicle: z.string().optional(),
  exit: z.string().optional(),
  note: z.string().optional(),
});

const sentSchema = z.object({
  household_id: z.string().min(1),
  at: z.string(),
  channel: z.enum(['sms', 'signal', 'whatsapp', 'slip', 'voice']),
  outcome: z.enum(['sent', 'acknowledged', 'refused']),
});

/** A line that could not be read: where and why. */
export interface LogLineError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Parses a JSON-lines event log (blank lines and lines starting with # skipped). */
export function parseEventLog(content: string, file: string): { events: StatusEvent[]; errors: LogLineError[] } {
  return parseLines(content, file, (value) => {
    const parsed = eventSchema.safeParse(value);
    return parsed.success ? { value: dropUndefined(parsed.data) as StatusEvent } : { error: parsed.error };
  });
}

/** Parses a JSON-lines log of sent / acknowledged / refused records. */
export function parseSentLog(content: string, file: string): { events: SentRecord[]; errors: LogLineError[] } {
  return parseLines(content, file, (value) => {
    const parsed = sentSchema.safeParse(value);
    return parsed.success ? { value: parsed.data } : { error: parsed.error };
  });
}

function parseLines<T>(
  content: string,
  file: string,
  parse: (value: unknown) => { value: T } | { error: z.ZodError },
): { events: T[]; errors: LogLineError[] } {
  const events: T[] = [];
  const errors: LogLineError[] = [];
  for (const [i, raw] of content.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ file, line: i + 1, message: 'not valid JSON' });
      continue;
    }
    const parsed = parse(value);
    if ('value' in parsed) events.push(parsed.value);
    else {
      const first = parsed.error.issues[0];
      errors.push({
        file,
        line: i + 1,
        message: `${first?.path.join('.') || 'event'}: ${first?.message ?? 'invalid'}`,
      });
    }
  }
  return { events, errors };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

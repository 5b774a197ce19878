// Instants as the plan writes them ("2018-07-21T08:20+03:00"): shifted and shown in the offset they were written in.

/** An instant and the UTC offset (minutes) it was written with, so that local times stay local. */
export interface OffsetInstant {
  readonly epochMs: number;
  readonly offsetMinutes: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Reads an ISO 8601 instant with an offset; undefined if it has none (a local time without offset is ambiguous). */
export function parseInstant(iso: string): OffsetInstant | undefined {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const zone = m[8]!;
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  // Milliseconds matter: two check-ins of one household a few hundred ms apart must replay in the order they happened.
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const wallMs = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, ms);
  return { epochMs: wallMs - offsetMinutes * 60_000, offsetMinutes };
}

/** The instant `minutes` later (negative: earlier), written in the same offset. */
export function shiftMinutes(at: OffsetInstant, minutes: number): OffsetInstant {
  return { epochMs: at.epochMs + minutes * 60_000, offsetMinutes: at.offsetMinutes };
}

/** "2018-07-21T08:05+03:00". */
export function formatInstant(at: OffsetInstant): string {
  const { day, time } = wallClock(at);
  const sign = at.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(at.offsetMinutes);
  return `${day}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock date ("2018-07-21"), short date ("21/07") and time ("08:05") where the instant was written. */
export function wallClock(at: OffsetInstant): { day: string; shortDay: string; time: string } {
  const d = new Date(at.epochMs + at.offsetMinutes * 60_000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return {
    day,
    shortDay: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// Parses the events a coordinator types ("checkpoint cp-03 closed at 02:10") into plan events, with clear errors.
import type { Scenario } from '../core/scenario/scenario.ts';
import type { PlanEvent } from './stages/scheduling-stage.ts';

export type EventParseError = { readonly kind: 'invalid-event'; readonly text: string; readonly message: string };

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})`;
const TIME = String.raw`(?:${ISO}|\d{1,2}:\d{2})`;

/**
 * "checkpoint ID closed at TIME", "exit ID closed at TIME", "exit ID window FROM/TO". TIME is ISO 8601 with an
 * offset, or HH:MM meaning the first such local time (in the scenario's offset) after the plan start.
 * @example parseEvent('checkpoint cp-03 closed at 02:10', scenario, 1)
 */
export function parseEvent(text: string, scenario: Scenario, n: number): PlanEvent | EventParseError {
  const t = text.trim();
  const bad = (message: string): EventParseError => ({ kind: 'invalid-event', text: t, message });
  const at = (time: string) => absoluteTime(time, scenario);
  let m = new RegExp(`^checkpoint\\s+(\\S+)\\s+closed\\s+at\\s+(${TIME})$`, 'i').exec(t);
  if (m) {
    if (!scenario.checkpoints.some((c) => c.id === m![1])) return bad(`unknown checkpoint "${m[1]}"`);
    return { kind: 'checkpoint-closed', id: `event-${n}`, checkpointId: m[1]!, at: at(m[2]!) };
  }
  m = new RegExp(`^exit\\s+(\\S+)\\s+closed\\s+at\\s+(${TIME})$`, 'i').exec(t);
  if (m) {
    if (!scenario.exits.some((e) => e.id === m![1])) return bad(`unknown exit "${m[1]}"`);
    return { kind: 'exit-changed', id: `event-${n}`, exitId: m[1]!, at: at(m[2]!), conditionMet: false };
  }
  m = new RegExp(`^exit\\s+(\\S+)\\s+window\\s+(${TIME})\\s*/\\s*(${TIME})$`, 'i').exec(t);
  if (m) {
    if (!scenario.exits.some((e) => e.id === m![1])) return bad(`unknown exit "${m[1]}"`);
    const opensAt = at(m[2]!);
    const closesAt = at(m[3]!);
    if (Date.parse(closesAt) <= Date.parse(opensAt)) return bad('the window closes before it opens');
    return {
      kind: 'exit-changed',
      id: `event-${n}`,
      exitId: m[1]!,
      at: scenario.manifest.start_time,
      windows: [{ opensAt, closesAt }],
    };
  }
  return bad('expected "checkpoint ID closed at TIME", "exit ID closed at TIME" or "exit ID window FROM/TO"');
}

/** HH:MM → the first such local time at or after the start (in the start time's offset); ISO passes through. */
function absoluteTime(time: string, scenario: Scenario): string {
  if (time.includes('T')) return time;
  const start = scenario.manifest.start_time;
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(start)?.[1] ?? 'Z';
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const day = start.slice(0, 10);
  let candidate = Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00${offset}`);
  if (candidate < Date.parse(start)) candidate += 24 * 3_600_000;
  const shifted = new Date(candidate + offsetMinutes(offset) * 60_000).toISOString().slice(0, 16);
  return `${shifted}${offset}`;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

// Field reports applied to the checkpoints' last known state: newest wins, corroboration adds confidence, a weak report never makes a road safer.
import { corroborate, reportConfidence } from './admiralty.ts';

export type CheckpointStatus = 'open' | 'closed' | 'unknown';

/** The state of one checkpoint as planning sees it. */
export interface CheckpointState {
  readonly id: string;
  readonly status: CheckpointStatus;
  readonly confidence: number;
  /** ISO time of the observation this state rests on. */
  readonly reportedAt: string;
}

/** A rated field report about a checkpoint. */
export interface CheckpointReport {
  readonly id: string;
  readonly targetId: string;
  readonly newStatus: CheckpointStatus;
  readonly observedAt: string;
  readonly expiresAt?: string | undefined;
  readonly source: string;
  readonly reliability: string;
  readonly credibility: number;
}

/** What happened to one report, for the coordinator's log. */
export interface ReportOutcome {
  readonly reportId: string;
  readonly targetId: string;
  readonly effect:
    | 'applied'
    | 'corroborated'
    | 'ignored-weak-opening'
    | 'ignored-older'
    | 'ignored-expired'
    | 'pending';
  readonly confidence: number;
}

export interface SituationUpdate {
  readonly states: readonly CheckpointState[];
  readonly outcomes: readonly ReportOutcome[];
}

export interface ApplyOptions {
  /** Reports observed after this time are not applied yet (they are re-planning events); outcome 'pending'. */
  readonly asOf: string;
  /** A report that makes a checkpoint less dangerous (to open, or closed → unknown) needs at least this confidence. */
  readonly minConfidenceToOpen?: number;
  /** Reports of the same status from different sources within this many hours corroborate each other. */
  readonly corroborationWindowH?: number;
}

const DANGER: Readonly<Record<CheckpointStatus, number>> = { open: 0, unknown: 1, closed: 2 };

/**
 * Applies reports in observation order. A report newer than the current state replaces it, except that a report
 * making the checkpoint safer must reach `minConfidenceToOpen` (default 0.25) unless another source corroborates
 * it: a lone F6 "open" (confidence 0.09) never makes a route safe. A report that confirms the current status from
 * another source within the window raises its confidence.
 */
export function applyReports(
  initial: readonly CheckpointState[],
  reports: readonly CheckpointReport[],
  options: ApplyOptions,
): SituationUpdate {
  const asOf = Date.parse(options.asOf);
  const minToOpen = options.minConfidenceToOpen ?? 0.25;
  const windowMs = (options.corroborationWindowH ?? 6) * 3_600_000;
  const states = new Map(initial.map((s) => [s.id, { ...s, sources: new Set<string>() }]));
  const outcomes: ReportOutcome[] = [];
  const ordered = [...reports].sort(
    (a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt) || (a.id < b.id ? -1 : 1),
  );
  for (const r of ordered) {
    const confidence = reportConfidence(r.reliability, r.credibility);
    const outcome = (effect: ReportOutcome['effect'], c = confidence) =>
      outcomes.push({ reportId: r.id, targetId: r.targetId, effect, confidence: c });
    const observed = Date.parse(r.observedAt);
    if (observed > asOf) {
      outcome('pending');
      continue;
    }
    if (r.expiresAt !== undefined && Date.parse(r.expiresAt) <= asOf) {
      outcome('ignored-expired');
      continue;
    }
    const state = states.get(r.targetId);
    if (state === undefined) continue;
    const current = Date.parse(state.reportedAt);
    const sameStatus = state.status === r.newStatus;
    if (sameStatus && Math.abs(observed - current) <= windowMs && !state.sources.has(r.source)) {
      state.confidence = corroborate(state.confidence, confidence);
      state.reportedAt = new Date(Math.max(observed, current)).toISOString();
      state.sources.add(r.source);
      outcome('corroborated', state.confidence);
      continue;
    }
    if (observed < current) {
      outcome('ignored-older');
      continue;
    }
    const safer = DANGER[r.newStatus] < DANGER[state.status];
    if (safer && confidence < minToOpen) {
      outcome('ignored-weak-opening');
      continue;
    }
    state.status = r.newStatus;
    state.confidence = confidence;
    state.reportedAt = new Date(observed).toISOString();
    state.sources = new Set([r.source]);
    outcome('applied');
  }
  return {
    states: initial.map((s) => {
      const { sources: _sources, ...state } = states.get(s.id)!;
      return state;
    }),
    outcomes,
  };
}

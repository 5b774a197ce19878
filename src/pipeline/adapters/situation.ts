// The situation picture at a moment: checkpoints after the field reports known by then, as the risk model's input.
import type { Checkpoint, RiskParameters } from '../../core/routing/risk/checkpoint.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { applyReports, type CheckpointReport, type ReportOutcome } from '../../core/situation/apply-reports.ts';
import { toRiskCheckpoint } from '../../io/network/checkpoints-csv.ts';

export interface SituationAt {
  readonly asOf: string;
  readonly checkpoints: readonly Checkpoint[];
  readonly reportOutcomes: readonly ReportOutcome[];
  /** Checkpoint reports observed after `asOf`: the events a re-plan will replay. */
  readonly pendingReports: readonly CheckpointReport[];
}

export function checkpointReportsOf(scenario: Scenario): CheckpointReport[] {
  return scenario.fieldReports
    .filter((r) => r.target_kind === 'checkpoint')
    .map((r) => ({
      id: r.id,
      targetId: r.target_id,
      newStatus: r.new_status,
      observedAt: r.observed_at,
      expiresAt: r.expires_at,
      source: r.source,
      reliability: r.reliability,
      credibility: r.credibility,
    }));
}

/** Applies every checkpoint report observed up to `asOf` (default: the scenario's start). */
export function situationAt(scenario: Scenario, asOf = scenario.manifest.start_time): SituationAt {
  const reports = checkpointReportsOf(scenario);
  const base = scenario.checkpoints.map(toRiskCheckpoint);
  const update = applyReports(
    base.map((c) => ({ id: c.id, status: c.status, confidence: c.confidence, reportedAt: c.reportedAt })),
    reports,
    { asOf },
  );
  const state = new Map(update.states.map((s) => [s.id, s]));
  return {
    asOf,
    checkpoints: base.map((c) => {
      const s = state.get(c.id)!;
      return { ...c, status: s.status, confidence: s.confidence, reportedAt: s.reportedAt };
    }),
    reportOutcomes: update.outcomes,
    pendingReports: reports.filter((r) => Date.parse(r.observedAt) > Date.parse(asOf)),
  };
}

/** The scenario's risk parameters in the risk model's terms. */
export function riskParametersOf(scenario: Scenario): Partial<RiskParameters> {
  const p = scenario.manifest.parameters.risk;
  return {
    riskWeightS: p.risk_weight_s,
    maxAcceptableRisk: p.max_acceptable_risk,
    halfLifeH: p.report_half_life_h,
    unknownStatusRisk: p.unknown_status_risk,
  };
}

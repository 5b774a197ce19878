// Checkpoints and roadblocks as reported, and the risk each poses to a profile now (confidence decays with report age).
import type { ProfileName } from './profiles.ts';

/** A checkpoint or roadblock as the latest field report describes it. */
export interface Checkpoint {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** The party that controls it (a party id of the scenario). */
  readonly controller: string;
  readonly kind: 'checkpoint' | 'roadblock';
  readonly status: 'open' | 'closed' | 'unknown';
  /** How far the report is believed, 0..1 (from the Admiralty rating of its source and information). */
  readonly confidence: number;
  /** ISO 8601 time of the report. */
  readonly reportedAt: string;
  /** Probability, 0..1, that a group of this profile is detained or turned back when passing while open. */
  readonly riskByProfile: Readonly<Record<ProfileName, number>>;
}

/** The knobs of the risk model (scenario parameters.risk); see docs/risk-model.md. */
export interface RiskParameters {
  /** Seconds of extra travel time the group accepts to avoid one unit of risk (hazard, ≈ probability when small). */
  readonly riskWeightS: number;
  /** A checkpoint, area or whole route riskier than this is not acceptable. */
  readonly maxAcceptableRisk: number;
  /** Hours after which a report's confidence has halved. */
  readonly halfLifeH: number;
  /** Risk assumed at a checkpoint whose status is unknown (or whose report has decayed away). */
  readonly unknownStatusRisk: number;
  /** A "closed" report at least this confident (after decay) makes the checkpoint impassable. */
  readonly closedMinConfidence: number;
  /** A checkpoint farther than this from any road is not attached (and listed as such). */
  readonly checkpointSnapMaxM: number;
}

export const DEFAULT_RISK_PARAMETERS: RiskParameters = Object.freeze({
  riskWeightS: 3600,
  maxAcceptableRisk: 0.35,
  halfLifeH: 24,
  unknownStatusRisk: 0.5,
  closedMinConfidence: 0.5,
  checkpointSnapMaxM: 500,
});

/** What a checkpoint means for one profile now. */
export interface CheckpointAssessment {
  /** Probability 0..1 that passing it stops the group (decayed report mixed with the unknown-status prior). */
  readonly risk: number;
  /** Confidence after decay: confidence × 2^(−age / half-life). */
  readonly effectiveConfidence: number;
  /** 'closed': a confident closed report; 'too-risky': risk above the maximum; else passable (priced). */
  readonly verdict: 'passable' | 'closed' | 'too-risky';
}

/**
 * risk = c·ρ + (1 − c)·u with c the decayed confidence, ρ the reported risk (the profile's risk when open,
 * 1 when closed, u when unknown) and u = max(unknownStatusRisk, profile risk): an old or doubtful "open"
 * drifts towards unknown, never below the checkpoint's own risk. A report dated after `nowMs` counts as fresh.
 * @example assessCheckpoint(cp, 'military_age_man', Date.parse('2018-07-21T10:00Z'), DEFAULT_RISK_PARAMETERS)
 */
export function assessCheckpoint(
  checkpoint: Checkpoint,
  profile: ProfileName,
  nowMs: number,
  parameters: RiskParameters,
): CheckpointAssessment {
  const ageH = Math.max(0, (nowMs - Date.parse(checkpoint.reportedAt)) / 3_600_000);
  const c = clamp01(checkpoint.confidence) * 2 ** (-ageH / parameters.halfLifeH);
  const profileRisk = clamp01(checkpoint.riskByProfile[profile] ?? parameters.unknownStatusRisk);
  const u = Math.max(parameters.unknownStatusRisk, profileRisk);
  const reported = checkpoint.status === 'open' ? profileRisk : checkpoint.status === 'closed' ? 1 : u;
  const risk = c * reported + (1 - c) * u;
  const verdict =
    checkpoint.status === 'closed' && c >= parameters.closedMinConfidence
      ? 'closed'
      : risk > parameters.maxAcceptableRisk
        ? 'too-risky'
        : 'passable';
  return { risk, effectiveConfidence: c, verdict };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

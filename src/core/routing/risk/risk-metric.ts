// The situation picture (checkpoints, areas, time) turned into per-profile integer arc weights for the routing engine.
import { INF_WEIGHT, type RoadGraph } from '../../graph/road-graph.ts';
import type { SnapIndex } from '../../graph/snap.ts';
import { attachCheckpoints, type CheckpointArcs } from './attach.ts';
import {
  assessCheckpoint,
  type Checkpoint,
  type CheckpointAssessment,
  DEFAULT_RISK_PARAMETERS,
  type RiskParameters,
} from './checkpoint.ts';
import { areaOfArcs, areaRisk, type ControlArea } from './control-areas.ts';
import type { ProfileName } from './profiles.ts';

/** Everything about the situation that does not depend on who travels: build once, then one metric per profile. */
export interface RiskSituation {
  readonly graph: RoadGraph;
  readonly tail: Uint32Array;
  readonly checkpoints: readonly Checkpoint[];
  readonly checkpointArcs: CheckpointArcs;
  readonly areas: readonly ControlArea[];
  /** Index into `areas` of the area holding each arc's midpoint, or -1. */
  readonly areaOfArc: Int32Array;
  readonly nowMs: number;
  readonly parameters: RiskParameters;
}

export interface RiskSituationInput {
  readonly checkpoints: readonly Checkpoint[];
  readonly controlAreas?: readonly ControlArea[];
  /** ISO 8601: the moment the routes are planned for (report ages are measured to it). */
  readonly now: string;
  readonly parameters?: Partial<RiskParameters>;
}

/**
 * Snaps checkpoints onto arcs and areas onto arc midpoints.
 * @example const situation = buildRiskSituation(snapIndex, { checkpoints, now: '2018-07-21T10:00:00+03:00' });
 */
export function buildRiskSituation(snapIndex: SnapIndex, input: RiskSituationInput): RiskSituation {
  const parameters = { ...DEFAULT_RISK_PARAMETERS, ...input.parameters };
  const areas = input.controlAreas ?? [];
  return {
    graph: snapIndex.graph,
    tail: snapIndex.tail,
    checkpoints: input.checkpoints,
    checkpointArcs: attachCheckpoints(snapIndex, input.checkpoints, parameters.checkpointSnapMaxM),
    areas,
    areaOfArc: areaOfArcs(snapIndex.graph, snapIndex.tail, areas),
    nowMs: Date.parse(input.now),
    parameters,
  };
}

export type RouteMetric = 'time' | 'distance';

/** One profile's view of the situation: the weights to route with and the risks to report. */
export interface ProfileMetric {
  readonly profile: ProfileName;
  readonly metric: RouteMetric;
  /** Per arc: travel time (ds) + 10 × riskWeightS × hazard, or INF_WEIGHT when impassable; plain lengthM for 'distance'. */
  readonly weights: Uint32Array;
  /** Per checkpoint (input order), for this profile now. */
  readonly assessments: readonly CheckpointAssessment[];
  /** Per arc: risk of driving it through its control area (0 outside any area). */
  readonly arcAreaRisk: Float64Array;
}

/** Risk is capped just below 1 so that a certain stop stays a finite (if enormous) hazard. */
const MAX_RISK = 1 - 1e-9;
const hazard = (risk: number) => -Math.log1p(-Math.min(risk, MAX_RISK));

/**
 * Weights for `profile`. With metric 'distance' the weights are plain lengths (no risk, nothing closed), for
 * comparisons with other engines; reports still show the risk of what they pass.
 * @example const metric = profileMetric(situation, 'military_age_man'); engine.setWeights(metric.weights);
 */
export function profileMetric(
  situation: RiskSituation,
  profile: ProfileName,
  metric: RouteMetric = 'time',
): ProfileMetric {
  const { graph, checkpoints, parameters, areas, areaOfArc } = situation;
  const { firstCheckpoint, checkpointAt } = situation.checkpointArcs;
  const assessments = checkpoints.map((c) => assessCheckpoint(c, profile, situation.nowMs, parameters));
  const arcAreaRisk = new Float64Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) {
    const area = areaOfArc[a]!;
    if (area >= 0) arcAreaRisk[a] = areaRisk(areas[area]!.riskPerKmByProfile[profile] ?? 0, graph.lengthM[a]!);
  }
  if (metric === 'distance') return { profile, metric, weights: graph.lengthM.slice(), assessments, arcAreaRisk };
  const weights = new Uint32Array(graph.arcCount);
  const weightPerHazardDs = parameters.riskWeightS * 10;
  for (let a = 0; a < graph.arcCount; a++) {
    let survive = 1 - arcAreaRisk[a]!;
    let blocked = false;
    for (let i = firstCheckpoint[a]!; i < firstCheckpoint[a + 1]!; i++) {
      const assessment = assessments[checkpointAt[i]!]!;
      if (assessment.verdict !== 'passable') blocked = true;
      survive *= 1 - assessment.risk;
    }
    const risk = 1 - survive;
    if (blocked || risk > parameters.maxAcceptableRisk) {
      weights[a] = INF_WEIGHT;
      continue;
    }
    const weight = graph.travelTimeDs[a]! + Math.round(weightPerHazardDs * hazard(risk));
    weights[a] = Math.min(weight, INF_WEIGHT - 1);
  }
  return { profile, metric, weights, assessments, arcAreaRisk };
}

/** 1 for every arc that passes a checkpoint: what the alternatives router pushes later routes away from. */
export function checkpointArcMask(situation: RiskSituation): Uint8Array {
  const { firstCheckpoint } = situation.checkpointArcs;
  const mask = new Uint8Array(situation.graph.arcCount);
  for (let a = 0; a < mask.length; a++) mask[a] = firstCheckpoint[a + 1]! > firstCheckpoint[a]! ? 1 : 0;
  return mask;
}

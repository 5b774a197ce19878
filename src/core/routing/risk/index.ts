// The risk model: profiles, checkpoints, control areas, per-profile weights, route reports and cut-off explanations.
export { attachCheckpoints, type CheckpointArcs } from './attach.ts';
export {
  assessCheckpoint,
  type Checkpoint,
  type CheckpointAssessment,
  DEFAULT_RISK_PARAMETERS,
  type RiskParameters,
} from './checkpoint.ts';
export { areaContains, areaRisk, type ControlArea, type Ring } from './control-areas.ts';
export { type CutOff, type CutPoint, cutPointsOn, explainCutOff } from './cut-off.ts';
export { DEFAULT_PROFILES, DEFAULT_RESTRICTIVENESS, groupProfile, type ProfileName } from './profiles.ts';
export {
  buildRiskSituation,
  checkpointArcMask,
  type ProfileMetric,
  profileMetric,
  type RiskSituation,
  type RiskSituationInput,
  type RouteMetric,
} from './risk-metric.ts';
export { riskAwareRoutes } from './risk-routes.ts';
export { type GeoJsonLineString, type PassedCheckpoint, type RouteReport, reportRoute } from './route-report.ts';

// Risk-aware routes for one profile: best route or k alternatives on the engine, reported, unacceptable ones explained.
import { err, ok, type Result } from '../../result.ts';
import type { RouteArcs, RoutingEngine } from '../engine.ts';
import { type CutOff, cutPointsOn, explainCutOff } from './cut-off.ts';
import { checkpointArcMask, type ProfileMetric, type RiskSituation } from './risk-metric.ts';
import { type RouteReport, reportRoute } from './route-report.ts';

/**
 * Routes from `source` to `target` node under `metric` (the engine is re-weighted with it): up to `k` routes, best
 * first, each within the maximum acceptable risk ('time' metric). No acceptable route → the CutOff explaining why.
 * @example const r = riskAwareRoutes(engine, situation, profileMetric(situation, 'woman'), s, t, 3);
 */
export function riskAwareRoutes(
  engine: RoutingEngine,
  situation: RiskSituation,
  metric: ProfileMetric,
  source: number,
  target: number,
  k = 1,
): Result<RouteReport[], CutOff> {
  engine.setWeights(metric.weights);
  let found: RouteArcs[];
  if (k <= 1) {
    const best = engine.route(source, target);
    found = best.ok ? [best.value] : [];
  } else {
    found = engine.alternatives(source, target, k, { markedArcs: checkpointArcMask(situation) });
  }
  if (found.length === 0) {
    const cutOff = explainCutOff(situation, metric, source, (weights) => {
      engine.setWeights(weights);
      const opened = engine.route(source, target);
      return opened.ok ? opened.value.arcs : undefined;
    });
    engine.setWeights(metric.weights);
    return err(cutOff);
  }
  const reports = found.map((route) => reportRoute(situation, metric, route.arcs, source));
  if (metric.metric === 'distance') return ok(reports);
  const acceptable = reports.filter((r) => r.risk <= situation.parameters.maxAcceptableRisk);
  if (acceptable.length === 0) {
    return err({
      kind: 'unreachable',
      profile: metric.profile,
      cutBy: cutPointsOn(situation, metric, found[0]!.arcs, source),
      bestRouteRisk: reports[0]!.risk,
    });
  }
  return ok(acceptable);
}

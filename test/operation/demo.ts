// The demo scenario and its plan, loaded once per test file (the plan takes a few seconds).
import type { Scenario } from '../../src/core/scenario/scenario.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { type PlanResult, runPlan } from '../../src/pipeline/plan.ts';

export const DEMO = new URL('../../scenarios/southern-syria-2018', import.meta.url).pathname;

let cached: Promise<{ scenario: Scenario; plan: PlanResult }> | undefined;

export function demoPlan(): Promise<{ scenario: Scenario; plan: PlanResult }> {
  cached ??= (async () => {
    const loaded = await loadScenario(DEMO);
    if (!loaded.scenario) throw new Error('the demo scenario does not load');
    return { scenario: loaded.scenario, plan: await runPlan(loaded.scenario, { scenarioDir: DEMO }) };
  })();
  return cached;
}

/** A deterministic byte source for tests (the CLI uses node:crypto). */
export function bytes(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
}

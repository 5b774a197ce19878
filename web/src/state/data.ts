// Situation, basemap and plan as loaded from the API after sign-in; screens read these signals and re-render.
import { signal } from '@preact/signals';
import type { FeatureCollection } from 'geojson';
import { api, type Problem } from '../api/client.ts';
import type { Plan, ScenarioView } from '../api/types.ts';

export const scenario = signal<ScenarioView | null>(null);
export const basemap = signal<FeatureCollection | null>(null);
export const plan = signal<Plan | null>(null);
/** Why the plan is missing (e.g. `no-plan`), when it is. */
export const planProblem = signal<Problem | null>(null);
export const loadProblem = signal<Problem | null>(null);

/** Loads everything the map needs; the plan may be absent (404 `no-plan`) without failing the rest. */
export async function loadOperation(): Promise<void> {
  loadProblem.value = null;
  const [s, b, p] = await Promise.all([
    api<ScenarioView>('/api/scenario'),
    api<FeatureCollection>('/api/basemap'),
    api<Plan>('/api/plan'),
  ]);
  if (!s.ok) loadProblem.value = s.problem;
  else scenario.value = s.value;
  if (b.ok) basemap.value = b.value;
  setPlanOutcome(p);
}

export async function reloadScenario(): Promise<void> {
  const s = await api<ScenarioView>('/api/scenario');
  if (s.ok) scenario.value = s.value;
}

/** Runs every stage again on the server (POST /api/plan). */
export async function rerunPlan(): Promise<void> {
  setPlanOutcome(await api<Plan>('/api/plan', { method: 'POST' }));
}

function setPlanOutcome(p: { ok: true; value: Plan } | { ok: false; problem: Problem }): void {
  if (p.ok) {
    plan.value = p.value;
    planProblem.value = null;
  } else {
    planProblem.value = p.problem;
  }
}

export function clearOperation(): void {
  scenario.value = null;
  basemap.value = null;
  plan.value = null;
}

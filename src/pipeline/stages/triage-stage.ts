// Triage stage: every person and household scored with reasons; households ordered for the scheduler.

import type { Scenario } from '../../core/scenario/scenario.ts';
import {
  type DangerLevel,
  DEFAULT_TRIAGE_CONFIG,
  type HouseholdTriage,
  type TriageConfig,
  triageAll,
} from '../../core/triage/index.ts';
import { hostilePredicate, toControlAreas } from '../adapters/control-areas.ts';
import { toPersonRecord } from '../adapters/people.ts';

export interface TriageSection {
  readonly reference_date: string;
  readonly persons_by_level: Readonly<Record<DangerLevel, number>>;
  readonly households_by_level: Readonly<Record<DangerLevel, number>>;
  /** Most endangered first: the scheduler's priority order. */
  readonly households: readonly HouseholdTriage[];
}

/** The scenario's triage parameters over the defaults. */
export function triageConfigOf(scenario: Scenario): TriageConfig {
  const p = scenario.manifest.parameters.triage;
  const w = p.weights;
  const d = DEFAULT_TRIAGE_CONFIG;
  return {
    ...d,
    weights: {
      ...d.weights,
      ...(w.volunteer !== undefined ? { volunteer: w.volunteer } : {}),
      ...(w.known_to_authorities !== undefined ? { knownToAuthorities: w.known_to_authorities } : {}),
      ...(w.military_age_man !== undefined ? { militaryAgeMan: w.military_age_man } : {}),
      ...(w.medical_need !== undefined ? { medicalNeed: w.medical_need } : {}),
      ...(w.hostile_area !== undefined ? { hostileArea: w.hostile_area } : {}),
      ...(w.child !== undefined ? { child: w.child } : {}),
      ...(w.elderly !== undefined ? { elderly: w.elderly } : {}),
    },
    militaryAge: { from: p.military_age_min, to: p.military_age_max },
    thresholds: {
      imminent: p.thresholds.imminent ?? d.thresholds.imminent,
      high: p.thresholds.high ?? d.thresholds.high,
      medium: p.thresholds.medium ?? d.thresholds.medium,
    },
    knownFlag: 'known_to_authorities',
  };
}

export function runTriage(scenario: Scenario): TriageSection {
  const areas = toControlAreas(scenario);
  const hostile = hostilePredicate(scenario, areas);
  const location = new Map(scenario.people.map((p) => [p.person_id, p.resolved_location]));
  const referenceDate = new Date(Date.parse(scenario.manifest.start_time));
  const households = triageAll(
    scenario.people.map(toPersonRecord),
    (person) => {
      const at = location.get(person.id);
      return at !== undefined && hostile(at.lat, at.lon);
    },
    referenceDate,
    triageConfigOf(scenario),
  );
  const count = (levels: DangerLevel[]) => {
    const out: Record<DangerLevel, number> = { imminent: 0, high: 0, medium: 0, low: 0 };
    for (const l of levels) out[l]++;
    return out;
  };
  return {
    reference_date: referenceDate.toISOString(),
    persons_by_level: count(households.flatMap((h) => h.members.map((m) => m.level))),
    households_by_level: count(households.map((h) => h.level)),
    households,
  };
}

// The exact quickest evacuation on small instances: a time-expanded integer program behind a small solver interface.
import { exitCapacityRows } from './reservation-table.ts';
import { INF_STEPS, type SchedulingInstance } from './types.ts';

/** What the exact model needs from a MIP solver: maximise a CPLEX-LP-format model, return its objective. */
export interface MipSolver {
  maximize(lpText: string): { readonly status: 'optimal' | 'infeasible' | 'other'; readonly objective: number };
}

/**
 * Max persons out by step `lastStep` (inclusive) in the time-expanded network: integer `x_a_t` persons entering
 * arc `a` at `t`, `w_v_t` waiting at `v` from `t` to `t+1`, `y_e_t` passing exit `e` at `t`; conservation at every
 * (node, step), groups enter at their origin at their ready step. Household integrity and priorities are not
 * modelled (this is the optimum the splittable plan is compared with).
 */
export function maxEvacuatedModel(instance: SchedulingInstance, lastStep: number): string {
  const net = instance.network;
  const h = instance.horizonSteps;
  const exitCaps = exitCapacityRows(instance.exits, h);
  const supply = new Map<string, number>();
  for (const g of instance.groups) {
    const key = `${g.originNode}_${g.readyStep ?? 0}`;
    supply.set(key, (supply.get(key) ?? 0) + g.persons);
  }
  const objective: string[] = [];
  const bounds: string[] = [];
  const generals: string[] = [];
  const inflow = new Map<string, string[]>();
  const outflow = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, term: string) => {
    const list = map.get(key);
    if (list) list.push(term);
    else map.set(key, [term]);
  };
  for (let v = 0; v < net.nodeCount; v++) {
    for (let a = net.firstOut[v]!; a < net.firstOut[v + 1]!; a++) {
      const tt = net.travelTimeSteps[a]!;
      if (tt >= INF_STEPS) continue;
      for (let t = 0; t + tt <= lastStep; t++) {
        const name = `x_${a}_${t}`;
        add(outflow, `${v}_${t}`, name);
        add(inflow, `${net.head[a]}_${t + tt}`, name);
        bounds.push(`0 <= ${name} <= ${net.capacityPerStep[a]}`);
        generals.push(name);
      }
    }
    for (let t = 0; t < lastStep; t++) {
      const name = `w_${v}_${t}`;
      add(outflow, `${v}_${t}`, name);
      add(inflow, `${v}_${t + 1}`, name);
      generals.push(name);
    }
  }
  instance.exits.forEach((exit, e) => {
    for (let t = 0; t <= Math.min(lastStep, h - 1); t++) {
      const cap = exitCaps[e * h + t]!;
      if (cap === 0) continue;
      const name = `y_${e}_${t}`;
      add(outflow, `${exit.node}_${t}`, name);
      objective.push(name);
      bounds.push(`0 <= ${name} <= ${cap}`);
      generals.push(name);
    }
  });
  const rows: string[] = [];
  for (let v = 0; v < net.nodeCount; v++) {
    for (let t = 0; t <= lastStep; t++) {
      const key = `${v}_${t}`;
      const out = outflow.get(key) ?? [];
      const inc = inflow.get(key) ?? [];
      const s = supply.get(key) ?? 0;
      if (out.length === 0 && inc.length === 0) continue;
      // Whatever arrives (or starts) here and cannot leave is simply not evacuated: <= keeps it feasible.
      const lhs = [...out, ...inc.map((term) => `- ${term}`)].join(' + ').replaceAll('+ -', '-');
      rows.push(` c_${key}: ${lhs} <= ${s}`);
    }
  }
  return [
    'Maximize',
    ` out: ${objective.length > 0 ? objective.join(' + ') : '0 x_none'}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'Generals',
    ` ${generals.join(' ')}`,
    'End',
  ].join('\n');
}

/**
 * The smallest step by which everyone can be out (the true optimum of the splittable model), scanning up from
 * `fromStep` (e.g. a lower bound) to `toStep` (e.g. a plan's makespan); null if not even `toStep` suffices.
 * @example quickestEvacuationStep(instance, solver, bound.lowerBoundStep, schedule.makespanStep)
 */
export function quickestEvacuationStep(
  instance: SchedulingInstance,
  solver: MipSolver,
  fromStep: number,
  toStep: number,
): number | null {
  const total = instance.groups.reduce((sum, g) => sum + g.persons, 0);
  for (let t = fromStep; t <= toStep; t++) {
    const result = solver.maximize(maxEvacuatedModel(instance, t));
    if (result.status === 'optimal' && Math.round(result.objective) >= total) return t;
  }
  return null;
}

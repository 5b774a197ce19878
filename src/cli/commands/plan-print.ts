// Human-readable printing of a plan: one section per stage, in the order the stages ran.
import type { PlanResult } from '../../pipeline/plan.ts';

export function printPlan(plan: PlanResult, out: NodeJS.WritableStream): void {
  if (plan.stages.length === 0) out.write('\n(no planning stage is available yet)\n');
}

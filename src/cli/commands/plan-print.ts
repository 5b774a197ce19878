// Human-readable printing of a plan: one short section per stage, in the order the stages ran.
import type { CutOff } from '../../core/routing/risk/cut-off.ts';
import type { PlanResult } from '../../pipeline/plan.ts';
import { count, plural, table } from '../format.ts';

type Out = NodeJS.WritableStream;
const pct = (p: number) => `${Math.round(p * 100)} %`;
const minutes = (s: number) => `${Math.round(s / 60)} min`;

export function printPlan(plan: PlanResult, out: Out): void {
  printFieldReports(plan, out);
  printDedupe(plan, out);
  printExits(plan, out);
  printTriage(plan, out);
  printRouting(plan, out);
  printSchedule(plan, out);
  printAllocation(plan, out);
  for (const problem of plan.problems) out.write(`\nnot planned: ${problem}\n`);
}

function heading(out: Out, title: string): void {
  out.write(`\n== ${title} ==\n`);
}

function printFieldReports(plan: PlanResult, out: Out): void {
  if (plan.field_reports.length === 0) return;
  heading(out, 'Field reports');
  const effects = new Map<string, number>();
  for (const r of plan.field_reports) effects.set(r.effect, (effects.get(r.effect) ?? 0) + 1);
  out.write(`${[...effects].map(([effect, n]) => `${n} ${effect.replaceAll('-', ' ')}`).join(', ')}\n`);
  for (const r of plan.field_reports.filter((f) => f.effect === 'ignored-weak-opening' || f.effect === 'pending')) {
    const why =
      r.effect === 'pending' ? 'after the plan start: replayed as a re-plan event' : 'too weakly rated to open a road';
    out.write(`  ${r.reportId} on ${r.targetId}: ${why}\n`);
  }
}

function printDedupe(plan: PlanResult, out: Out): void {
  const d = plan.dedupe;
  heading(out, 'Duplicates');
  out.write(
    `${count(d.records)} records are ${count(d.persons)} people: ${plural(d.duplicates.length, 'person')} entered more than once, ${plural(d.review.length, 'pair')} to review\n`,
  );
  for (const c of d.duplicates.slice(0, 3)) {
    const merge = c.merges[0];
    const reasons = merge?.reasons
      .filter((r) => r.contribution > 0)
      .slice(0, 4)
      .map((r) => `${r.field} ${r.evidence}`)
      .join('; ');
    out.write(`  ${c.recordIds.join(' = ')} (confidence ${pct(c.confidence)}: ${reasons})\n`);
  }
  if (d.duplicates.length > 3) out.write(`  … and ${d.duplicates.length - 3} more (see plan.json)\n`);
}

function printExits(plan: PlanResult, out: Out): void {
  heading(out, 'Exits');
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: plan.scenario.time_zone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = (iso: string) => format.format(new Date(iso));
  for (const e of plan.exits) {
    const state = e.open
      ? `open, ${count(e.capacity_per_hour)}/h${e.windows.length ? `, ${e.windows.map((w) => `${time(w.opens_at)}–${time(w.closes_at)}`).join('; ')}` : ''}`
      : `closed: ${e.condition_met === 'unknown' ? 'condition unknown' : 'condition not met'}${e.condition ? ` (${e.condition})` : ''}`;
    out.write(`  ${e.id}: ${state}\n`);
  }
}

function printTriage(plan: PlanResult, out: Out): void {
  const t = plan.triage;
  heading(out, 'Triage');
  const levels = ['imminent', 'high', 'medium', 'low'] as const;
  out.write(
    `${table([
      ['', ...levels],
      ['people', ...levels.map((l) => count(t.persons_by_level[l]))],
      ['households', ...levels.map((l) => count(t.households_by_level[l]))],
    ])}\n`,
  );
  const top = t.households[0];
  if (top) {
    const reasons = top.members[0]?.factors.map((f) => `${f.factor} +${f.points}`).join(', ');
    out.write(`most endangered: household ${top.householdId} (score ${top.score}; ${reasons})\n`);
  }
}

function printRouting(plan: PlanResult, out: Out): void {
  const r = plan.routing;
  if (!r) return;
  heading(out, 'Routes');
  const byPoint = new Map<string, number>();
  for (const h of r.households)
    if (h.assembly_point) byPoint.set(h.assembly_point, (byPoint.get(h.assembly_point) ?? 0) + 1);
  out.write(
    `households to assembly points: ${[...byPoint]
      .sort()
      .map(([ap, n]) => `${ap} ${n}`)
      .join(', ')} (network: ${r.network.nodes} nodes, ${r.network.arcs} arcs)\n`,
  );
  for (const u of r.unattached_checkpoints) {
    out.write(
      `warning: checkpoint ${u.id} is ${count(u.distance_m)} m from any road and was ignored; check its coordinates\n`,
    );
  }
  const cut = r.households.filter((h) => h.cut_off);
  if (cut.length > 0) {
    out.write(`${plural(cut.length, 'household')} cannot reach any assembly point acceptably:\n`);
    for (const h of cut.slice(0, 5)) {
      out.write(`  ${h.household_id} (${h.profile}): ${describeCutOff(h.cut_off!)}\n`);
    }
    if (cut.length > 5) out.write(`  … and ${cut.length - 5} more (see plan.json)\n`);
  }
  const open = new Set(plan.exits.filter((e) => e.open).map((e) => e.id));
  // One row per assembly point, one column per profile: the quickest acceptable way out for that group.
  const profiles = [...new Set(r.assembly_to_exits.map((a) => a.profile))];
  const points = [...new Set(r.assembly_to_exits.map((a) => a.assembly_point))];
  const rows: string[][] = [['best way out from', ...profiles]];
  for (const point of points) {
    rows.push([
      point,
      ...profiles.map((profile) => {
        const a = r.assembly_to_exits.find((x) => x.assembly_point === point && x.profile === profile);
        const options = (a?.exits ?? []).flatMap((e) =>
          e.routes[0] && open.has(e.exit_id) ? [{ exit: e.exit_id, route: e.routes[0] }] : [],
        );
        const best = options.sort((x, y) => x.route.duration_s - y.route.duration_s)[0];
        return best ? `${best.exit} ${minutes(best.route.duration_s)}, risk ${pct(best.route.risk)}` : 'none';
      }),
    ]);
  }
  out.write(`${table(rows)}\n`);
  const unreachable = new Map<string, string>();
  for (const a of r.assembly_to_exits) {
    for (const e of a.exits)
      if (e.cut_off && !unreachable.has(e.exit_id)) unreachable.set(e.exit_id, describeCutOff(e.cut_off));
  }
  for (const [exit, why] of unreachable) {
    if (open.has(exit)) out.write(`${exit}: not reachable for some groups (e.g. ${why})\n`);
  }
}

/** Why a group cannot go: the points that cut it off, or the combined risk, or no road at all. */
export function describeCutOff(cut: CutOff): string {
  if (cut.cutBy.length > 0)
    return `cut off by ${cut.cutBy.map((c) => `${c.id} (${c.reason}, ${pct(c.risk)})`).join(', ')}`;
  if (cut.bestRouteRisk !== undefined)
    return `every route is too risky taken as a whole (best: ${pct(cut.bestRouteRisk)})`;
  return 'no road connects';
}

export function printSchedule(plan: PlanResult, out: Out): void {
  const s = plan.schedule;
  if (!s) return;
  heading(out, 'Schedule');
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: plan.scenario.time_zone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = (iso: string | undefined) => (iso ? format.format(new Date(iso)) : '–');
  out.write(
    `${count(s.evacuated)} of ${count(s.total)} people out in ${plural(s.convoys.length, 'convoy trip')}; last out ${time(s.makespan_at)}\n`,
  );
  if (s.lower_bound_at !== undefined) {
    out.write(
      `proven lower bound: nobody could have the same people out before ${time(s.lower_bound_at)} (gap ${pct(s.gap ?? 0)})\n`,
    );
  }
  for (const w of s.windows.filter((x) => x.out_in_window > 0 || x.at_most > 0)) {
    if (w.out_in_window === 0) continue;
    out.write(
      `${w.exit}, window closing ${time(w.closes_at)}: ${count(w.out_by_close)} of ${count(w.total)} out; at most ${count(w.at_most)} could be\n`,
    );
  }
  const rows = [['priority ranks', 'people', 'out', 'all out by']];
  for (const b of s.by_priority)
    rows.push([`${b.rank_from}–${b.rank_to}`, count(b.persons), count(b.evacuated), time(b.completed_at)]);
  out.write(`${table(rows)}\n`);
  const reasons = new Map<string, number>();
  for (const n of s.not_evacuated) reasons.set(n.reason, (reasons.get(n.reason) ?? 0) + n.persons);
  if (reasons.size > 0) {
    out.write(`not evacuated: ${[...reasons].map(([reason, n]) => `${count(n)} (${reason})`).join(', ')}\n`);
  }
  for (const r of s.replans) {
    out.write(
      `after ${r.report_id} (${r.target_id} closed at ${time(r.at)}): ${r.kept_convoys} convoys kept, ${r.rerouted_convoys} rerouted, ${plural(r.newly_stranded.length, 'household')} newly stranded\n`,
    );
  }
}

function printAllocation(plan: PlanResult, out: Out): void {
  const a = plan.allocation;
  if (!a) return;
  heading(out, 'Resettlement');
  const proof = a.status === 'optimal' ? 'proven optimal' : `${a.status}, gap ${pct(a.gap)}`;
  out.write(
    `${plural(a.assignments.length, 'household')} placed (${proof}; objective ${count(a.objective)}, bound ${count(a.bound)})\n`,
  );
  const rows = [['country', 'households', 'people', 'quota']];
  for (const c of a.by_country)
    rows.push([
      c.country,
      count(c.households),
      count(c.persons),
      c.quota_persons === undefined ? '–' : count(c.quota_persons),
    ]);
  out.write(`${table(rows)}\n`);
  if (a.unplaced.length > 0) {
    const reasons = new Map<string, number>();
    for (const u of a.unplaced) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
    out.write(`not placed: ${[...reasons].map(([reason, n]) => `${n} (${reason})`).join('; ')}\n`);
  }
  if (a.overrides) {
    out.write(
      `overrides cost ${count(-a.overrides.objective_delta)} points and moved ${plural(a.overrides.moved.length, 'household')}\n`,
    );
  }
}

// Gathers a manifest's rows: the households the plan sends to one assembly point, their members read case by case.
import { api } from '../../api/client.ts';
import type { Convoy, PersonRecord, Plan, Profile } from '../../api/types.ts';

export interface ManifestRow {
  readonly householdId: string;
  readonly level: string | undefined;
  readonly profile: Profile;
  readonly members: readonly PersonRecord[];
}

/** A convoy's stable key in URLs: vehicle type, vehicle index and trip. */
export function convoyKey(c: Convoy): string {
  return `${c.vehicle}.${c.vehicle_index ?? 0}.${c.trip}`;
}

/**
 * Households of `assemblyPoint` (only those of `convoy` when given), most urgent first (triage score), with members
 * fetched through /api/cases.
 */
export async function manifestRows(plan: Plan, assemblyPoint: string, convoy?: Convoy): Promise<ManifestRow[]> {
  const onBoard = convoy ? new Set(convoy.households?.map((h) => h.household_id)) : undefined;
  const routed = (plan.routing?.households ?? []).filter(
    (h) => h.assembly_point === assemblyPoint && (onBoard === undefined || onBoard.has(h.household_id)),
  );
  return householdRows(plan, routed);
}

/** The given households, most urgent first (triage score), each with its members read through /api/cases. */
export async function householdRows(
  plan: Plan,
  households: readonly { household_id: string; profile?: Profile }[],
): Promise<ManifestRow[]> {
  const triage = new Map((plan.triage?.households ?? []).map((h) => [h.householdId, h]));
  const routed = [...households].sort(
    (a, b) => (triage.get(b.household_id)?.score ?? 0) - (triage.get(a.household_id)?.score ?? 0),
  );
  const cases = await api<{ cases: { case_id: string; household_id: string }[] }>('/api/cases');
  const caseOf = new Map(cases.ok ? cases.value.cases.map((c) => [c.household_id, c.case_id]) : []);
  const members = await mapLimited(routed, 6, async (h) => {
    const caseId = caseOf.get(h.household_id);
    if (!caseId) return [];
    const read = await api<{ members: PersonRecord[] }>(`/api/cases/${encodeURIComponent(caseId)}`);
    return read.ok ? read.value.members : [];
  });
  return routed.map((h, i) => ({
    householdId: h.household_id,
    level: triage.get(h.household_id)?.level,
    profile: h.profile ?? 'military_age_man',
    members: members[i] ?? [],
  }));
}

/** Runs `fn` over `items` with at most `limit` requests in flight (a hotel connection, not a data centre). */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

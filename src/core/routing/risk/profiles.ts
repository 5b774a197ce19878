// Group profiles (who is travelling) and how a mixed group takes the most restrictive profile of its members.
import { err, ok, type Result } from '../../result.ts';

/** The profiles every checkpoint rates; a scenario may add more. */
export const DEFAULT_PROFILES = ['military_age_man', 'woman', 'child', 'elderly', 'medical'] as const;
export type ProfileName = string;

/**
 * Most restrictive first. Military-age men are the ones detained at checkpoints (Daraa 2018); a medical case cannot
 * survive a long detour or a screening queue; the elderly and children come next. A scenario may reorder it.
 */
export const DEFAULT_RESTRICTIVENESS: readonly ProfileName[] = [
  'military_age_man',
  'medical',
  'elderly',
  'child',
  'woman',
];

export type GroupProfileError =
  | { readonly kind: 'empty-group' }
  | { readonly kind: 'unknown-profile'; readonly profile: ProfileName; readonly known: readonly ProfileName[] };

/**
 * The profile a travelling group routes with: the member profile that comes first in `order`.
 * @example groupProfile(['woman', 'child', 'military_age_man']) // ok('military_age_man')
 */
export function groupProfile(
  members: readonly ProfileName[],
  order: readonly ProfileName[] = DEFAULT_RESTRICTIVENESS,
): Result<ProfileName, GroupProfileError> {
  if (members.length === 0) return err({ kind: 'empty-group' });
  let best = Number.POSITIVE_INFINITY;
  for (const member of members) {
    const rank = order.indexOf(member);
    if (rank < 0) return err({ kind: 'unknown-profile', profile: member, known: order });
    best = Math.min(best, rank);
  }
  return ok(order[best]!);
}

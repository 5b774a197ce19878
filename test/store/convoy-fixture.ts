// A bus trip of the tiny scenario (assembly point ap-nawa to the Golan line), as the instruction tests plan them.
import type { ConvoyAssignment } from '../../src/core/operation/index.ts';

/** Trip 1 of bus `index`, boarding and leaving at the given ISO times, carrying `households` (ids). */
export function busTrip(index: number, boards: string, leaves: string, households: string[]): ConvoyAssignment {
  return {
    vehicle: 'bus',
    vehicle_index: index,
    trip: 1,
    assembly_point: 'ap-nawa',
    boards_at: boards,
    leaves_at: leaves,
    exit: 'golan-line',
    households: households.map((household_id) => ({ household_id })),
  };
}

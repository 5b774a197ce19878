// Manifests list every person of every movement once, per convoy and per exit slot.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../core/scheduling/types.ts';
import { convoyManifests, exitSlotManifests } from './manifest-csv.ts';

const schedule: Schedule = {
  makespanStep: 5,
  evacuatedPersons: 3,
  totalPersons: 3,
  byPriority: [],
  byWindow: [],
  notEvacuated: [],
  movements: [
    {
      groups: [{ groupId: 'H1', persons: 2 }],
      persons: 2,
      originNode: 4,
      arcs: [1],
      arcEntrySteps: [0],
      departureStep: 0,
      exitId: 'border',
      exitStep: 5,
    },
    {
      groups: [{ groupId: 'H2,"x"', persons: 1 }],
      persons: 1,
      originNode: 4,
      arcs: [1],
      arcEntrySteps: [1],
      departureStep: 1,
      exitId: 'border',
      exitStep: 5,
    },
  ],
};

describe('manifests', () => {
  it('writes one line per known person and quotes awkward ids', () => {
    const people = new Map([['H1', ['P1', 'P2']]]);
    const convoys = convoyManifests(schedule, people, 3);
    expect([...convoys.keys()]).toEqual(['convoy-C0001.csv', 'convoy-C0002.csv']);
    expect(convoys.get('convoy-C0001.csv')!.split('\r\n')).toEqual([
      'manifest_version,leg,convoy_id,departure_step,origin_node,exit_id,exit_step,household_id,person_id,persons',
      '3,1,C0001,0,4,border,5,H1,P1,1',
      '3,1,C0001,0,4,border,5,H1,P2,1',
      '',
    ]);
    const slots = exitSlotManifests(schedule, people, 3);
    expect([...slots.keys()]).toEqual(['exit-border-step-00005.csv']);
    expect(slots.get('exit-border-step-00005.csv')!.split('\r\n')[3]).toBe('3,border,5,C0002,"H2,""x""",,1');
  });
});

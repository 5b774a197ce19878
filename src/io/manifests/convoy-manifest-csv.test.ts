// Convoy manifests list every person once per trip and once per exit slot, with the caller's columns.
import { describe, expect, it } from 'vitest';
import type { ConvoySchedule } from '../../core/scheduling/convoy-types.ts';
import { convoyExitSlotManifests, convoyTripManifests } from './convoy-manifest-csv.ts';

const schedule: ConvoySchedule = {
  makespanStep: 9,
  evacuatedPersons: 4,
  totalPersons: 4,
  byPriority: [],
  byWindow: [],
  notEvacuated: [],
  windowOutlook: [],
  convoys: [
    {
      vehicleId: 'bus golan',
      vehicleIndex: 0,
      seats: 50,
      trip: 1,
      departureStep: 0,
      approachArcs: [],
      approachEntrySteps: [],
      assemblyPointId: 'ap-1',
      boardingStep: 0,
      loadedDepartureStep: 1,
      pickups: [
        { groupId: 'H1', persons: 3 },
        { groupId: 'H2', persons: 1 },
      ],
      persons: 4,
      profiles: [0],
      arcs: [4],
      arcEntrySteps: [1],
      exitId: 'quneitra',
      exitArrivalStep: 7,
      exitPassages: [
        { groupId: 'H1', persons: 2, step: 8 },
        { groupId: 'H1', persons: 1, step: 9 },
        { groupId: 'H2', persons: 1, step: 9 },
      ],
      exitStep: 9,
    },
  ],
};

const people = new Map([
  [
    'H1',
    [
      { personId: 'P1', doc_surname: 'Haddad', sex: 'F' },
      { personId: 'P2', doc_surname: 'Haddad', sex: 'M' },
      { personId: 'P3', doc_surname: 'Haddad, Jr', sex: 'M' },
    ],
  ],
]);

describe('convoy manifests', () => {
  it('prints one line per person with the caller columns, times formatted, a household without persons as a count', () => {
    const trips = convoyTripManifests(schedule, people, { version: 2, formatStep: (s) => `T+${s}` });
    expect([...trips.keys()]).toEqual(['convoy-bus_golan-000-trip-01.csv']);
    expect(trips.get('convoy-bus_golan-000-trip-01.csv')!.split('\r\n')).toEqual([
      'manifest_version,vehicle_id,vehicle_index,seats,trip,departure,assembly_point_id,boarding,leaves_assembly_point,exit_id,exit_arrival,exit_passage,household_id,person_id,persons,doc_surname,sex',
      '2,bus golan,0,50,1,T+0,ap-1,T+0,T+1,quneitra,T+7,T+8,H1,P1,1,Haddad,F',
      '2,bus golan,0,50,1,T+0,ap-1,T+0,T+1,quneitra,T+7,T+8,H1,P2,1,Haddad,M',
      '2,bus golan,0,50,1,T+0,ap-1,T+0,T+1,quneitra,T+7,T+9,H1,P3,1,"Haddad, Jr",M',
      '2,bus golan,0,50,1,T+0,ap-1,T+0,T+1,quneitra,T+7,T+9,H2,,1,,',
      '',
    ]);
  });

  it('splits the lines by exit slot, each person in the slot they pass', () => {
    const slots = convoyExitSlotManifests(schedule, people, { version: 2 });
    expect([...slots.keys()]).toEqual(['exit-quneitra-step-00008.csv', 'exit-quneitra-step-00009.csv']);
    expect(slots.get('exit-quneitra-step-00009.csv')!.split('\r\n').slice(1)).toEqual([
      '2,quneitra,9,bus golan,0,1,H1,P3,1,"Haddad, Jr",M',
      '2,quneitra,9,bus golan,0,1,H2,,1,,',
      '',
    ]);
  });
});

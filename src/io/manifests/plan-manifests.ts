// Writes a plan's printable outputs: convoy and exit-slot manifests with names as in the travel documents.
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { ConvoySchedule } from '../../core/scheduling/convoy-types.ts';
import { type ManifestPerson, writeConvoyManifests } from './convoy-manifest-csv.ts';

/**
 * The airline-style passenger columns (DOMAIN.md): names as in the document, sex, date of birth, nationality,
 * document type and number; plus the Arabic name for the escort's check at boarding.
 */
export function manifestPeople(scenario: Scenario): Map<string, ManifestPerson[]> {
  const byHousehold = new Map<string, ManifestPerson[]>();
  for (const p of scenario.people) {
    const row: ManifestPerson = {
      personId: p.person_id,
      doc_surname: p.family_name,
      doc_given_names: [p.given_name, p.father_name].filter(Boolean).join(' '),
      name_native_script: p.name_arabic ?? '',
      sex: p.sex.toUpperCase(),
      date_of_birth: p.birth_date ?? '',
      date_of_birth_estimated: p.birth_date_estimated || p.birth_date?.length === 4 ? 'yes' : 'no',
      nationality: p.nationality,
      doc_type: p.doc_type,
      doc_number: p.doc_number ?? '',
      fit_to_travel: p.medical_needs ? 'not_assessed' : 'cleared',
    };
    const list = byHousehold.get(p.household_id);
    if (list) list.push(row);
    else byHousehold.set(p.household_id, [row]);
  }
  return byHousehold;
}

export async function writePlanManifests(
  dir: string,
  scenario: Scenario,
  schedule: ConvoySchedule,
  toIso: (step: number) => string,
  version = 1,
): Promise<string[]> {
  return writeConvoyManifests(dir, schedule, manifestPeople(scenario), { version, formatStep: toIso });
}

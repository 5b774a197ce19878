// scenario.json: the scenario's metadata, network source, parties and parameters (risk, triage, scheduling).
import { z } from 'zod';
import { PARTY_STANCES } from './vocabulary.ts';

const isoWithOffset = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
  error: 'must be an ISO 8601 time with an offset, e.g. 2018-07-20T18:00:00+03:00',
});

export const partySchema = z.object({
  id: z.string().min(1).describe('Party id used by checkpoints, control areas and exit conditions.'),
  name: z.string().min(1).describe('Name.'),
  stance: z.enum(PARTY_STANCES).describe('Whether its forces are a danger to the evacuees.'),
});

export const networkSchema = z
  .object({
    kind: z
      .enum(['edge-list', 'osm', 'geojson'])
      .describe('edge-list: roads.csv between places; osm: an .osm.pbf file; geojson: LineStrings.'),
    file: z.string().min(1).describe('File name inside the scenario folder.'),
  })
  .describe('Where the road network comes from.');

export const riskParametersSchema = z
  .object({
    risk_weight_s: z
      .number()
      .min(0)
      .default(3600)
      .describe('Seconds of extra travel accepted to avoid one unit (100 %) of risk.'),
    max_acceptable_risk: z
      .number()
      .min(0)
      .max(1)
      .default(0.35)
      .describe('A checkpoint riskier than this for a group is impassable for it.'),
    report_half_life_h: z.number().positive().default(24).describe('Hours after which a report counts half as much.'),
    unknown_status_risk: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Chance that a checkpoint of unknown status is manned.'),
  })
  .prefault({});

export const triageParametersSchema = z
  .object({
    military_age_min: z.number().int().min(0).default(16).describe('Lowest age of a man counted as military age.'),
    military_age_max: z.number().int().min(0).default(45).describe('Highest age of a man counted as military age.'),
    weights: z
      .strictObject({
        volunteer: z.number().optional(),
        known_to_authorities: z.number().optional(),
        military_age_man: z.number().optional(),
        medical_need: z.number().optional(),
        hostile_area: z.number().optional(),
        child: z.number().optional(),
        elderly: z.number().optional(),
      })
      .default({})
      .describe('Overrides of triage factor points (see docs/triage.md).'),
    thresholds: z
      .object({ imminent: z.number(), high: z.number(), medium: z.number() })
      .partial()
      .default({})
      .describe('Overrides of the score thresholds of the levels.'),
  })
  .prefault({});

export const schedulingParametersSchema = z
  .object({
    step_minutes: z.number().int().min(1).max(60).default(5).describe('Time step of the schedule in minutes.'),
    allow_household_split: z.boolean().default(false).describe('Whether a household may ride in two vehicles.'),
    boarding_minutes: z.number().min(0).default(15).describe('Minutes to board a vehicle at an assembly point.'),
  })
  .prefault({});

export const scenarioManifestSchema = z.object({
  format: z.literal('safepassage-scenario/1').describe('Format version.'),
  name: z.string().min(1).describe('Name of the scenario.'),
  description: z.string().default('').describe('What it is.'),
  start_time: isoWithOffset.describe('When the plan starts (time zero), with offset.'),
  time_zone: z.string().default('UTC').describe('IANA time zone for display, e.g. Asia/Damascus.'),
  horizon_hours: z
    .number()
    .positive()
    .max(24 * 60)
    .describe('How far ahead to plan, in hours.'),
  network: networkSchema,
  parties: z
    .array(partySchema)
    .default([])
    .describe('Armed and political parties that control areas, checkpoints and exits.'),
  parameters: z
    .object({
      risk: riskParametersSchema,
      triage: triageParametersSchema,
      scheduling: schedulingParametersSchema,
    })
    .prefault({})
    .describe('Planning parameters.'),
});

export type ScenarioManifest = z.output<typeof scenarioManifestSchema>;
export type Party = z.output<typeof partySchema>;

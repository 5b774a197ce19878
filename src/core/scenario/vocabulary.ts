// The closed vocabularies of the scenario format (statuses, kinds, categories), shared by schema, docs and engines.

/** `crossing`: a border or line crossing point; routes may end there but never pass through it. */
export const PLACE_KINDS = ['town', 'crossing', 'assembly_point', 'destination', 'airstrip', 'camp'] as const;
export const CHECKPOINT_KINDS = ['checkpoint', 'roadblock'] as const;
export const CHECKPOINT_STATUSES = ['open', 'closed', 'unknown'] as const;
export const EXIT_KINDS = ['border_crossing', 'line_crossing', 'airlift'] as const;
export const CONDITION_STATES = ['yes', 'no', 'unknown'] as const;
export const VEHICLE_TYPES = ['bus', 'minibus', 'van', 'car', 'truck', 'ambulance', 'aircraft'] as const;
export const RELATIONSHIPS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other_relative',
  'other',
] as const;
export const SEXES = ['m', 'f', 'x'] as const;
export const ROLES = ['volunteer', 'family'] as const;
export const PERSON_FLAGS = [
  'known_to_authorities',
  'wanted',
  'injured',
  'disabled',
  'pregnant',
  'unaccompanied_minor',
  'deserter',
  'detained_before',
] as const;
export const DOC_TYPES = [
  'passport',
  'national_id',
  'refugee_certificate',
  'emergency_travel_document',
  'laissez_passer',
  'none',
] as const;
/** UNHCR's seven resettlement submission categories. */
export const UNHCR_CATEGORIES = [
  'legal_physical_protection',
  'survivor_violence_torture',
  'medical',
  'women_girls_at_risk',
  'family_reunification',
  'children_at_risk',
  'no_alternative_solution',
] as const;
export const VETTING_OUTCOMES = ['cleared', 'refused', 'pending'] as const;
/** Admiralty scale: source reliability. */
export const RELIABILITY = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const REPORT_TARGETS = ['checkpoint', 'exit', 'road'] as const;
export const PARTY_STANCES = ['hostile', 'neutral', 'friendly'] as const;
/** Group profiles for risk: a travelling group takes the most restrictive of its members'. */
export const PROFILES = ['military_age_man', 'woman', 'child', 'elderly', 'medical'] as const;
export type Profile = (typeof PROFILES)[number];

// A field team's people list → rows in the scenario's people columns: headers mapped, names split, dates and phones normalised.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { issue, type ScenarioIssue } from '../scenario/issues.ts';
import { headerKey } from '../scenario/parse-table.ts';
import type { RawTable } from '../scenario/raw-table.ts';
import { peopleTable } from '../scenario/tables.ts';
import { type DateOrder, readFieldDate } from './field-dates.ts';
import { splitFullName } from './full-name.ts';

/** A virtual column some lists have instead of given/father/family. */
export const FULL_NAME = 'full_name';
const FULL_NAME_HEADERS = ['full_name', 'full name', 'name (full)', 'الاسم الثلاثي', 'الاسم الكامل', 'الاسم والكنية'];

export interface FieldListOptions {
  /** Explicit header → column mapping; wins over the synonyms. */
  readonly mapping?: Readonly<Record<string, string>>;
  readonly dateOrder?: DateOrder;
  /** source_list for rows that do not say (default: the file name). */
  readonly sourceList?: string;
}

export interface HeaderMapping {
  readonly header: string;
  /** The people column it feeds, or undefined when ignored. */
  readonly column: string | undefined;
  readonly how: 'mapping-file' | 'name' | 'synonym' | 'ignored';
}

export interface FieldListConversion {
  /** The list as a people table (canonical headers), same row numbers as the source. */
  readonly table: RawTable;
  readonly headers: readonly HeaderMapping[];
  /** Cells changed on the way (dates converted, phones normalised), for the import report. */
  readonly changes: readonly {
    readonly row: number;
    readonly column: string;
    readonly from: string;
    readonly to: string;
  }[];
  readonly issues: readonly ScenarioIssue[];
}

/** Maps each header of the list to a people column (explicit mapping, then exact name, then synonym). */
export function mapHeaders(header: readonly string[], mapping: Readonly<Record<string, string>> = {}): HeaderMapping[] {
  const byKey = new Map<string, { column: string; how: 'name' | 'synonym' }>();
  for (const c of peopleTable.columns) byKey.set(headerKey(c.name), { column: c.name, how: 'name' });
  for (const c of peopleTable.columns) {
    for (const a of c.aliases)
      if (!byKey.has(headerKey(a))) byKey.set(headerKey(a), { column: c.name, how: 'synonym' });
  }
  for (const h of FULL_NAME_HEADERS)
    if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), { column: FULL_NAME, how: 'synonym' });
  const explicit = new Map(Object.entries(mapping).map(([from, to]) => [headerKey(from), to]));
  const taken = new Set<string>();
  return header.map((h) => {
    const wanted = explicit.get(headerKey(h));
    const found = wanted !== undefined ? { column: wanted, how: 'mapping-file' as const } : byKey.get(headerKey(h));
    if (found === undefined || taken.has(found.column)) return { header: h, column: undefined, how: 'ignored' };
    taken.add(found.column);
    return { header: h, column: found.column, how: found.how };
  });
}

/** Converts a field list into a people table; never drops a row silently (problems become issues on that row). */
export function convertFieldList(raw: RawTable, options: FieldListOptions = {}): FieldListConversion {
  const issues: ScenarioIssue[] = [];
  const changes: { row: number; column: string; from: string; to: string }[] = [];
  const known = new Set([...peopleTable.columns.map((c) => c.name), FULL_NAME]);
  for (const [from, to] of Object.entries(options.mapping ?? {})) {
    if (!known.has(to))
      issues.push(
        issue('error', 'bad-mapping', raw.file, `the mapping sends "${from}" to "${to}", which is not a people column`),
      );
  }
  const headers = mapHeaders(raw.header, options.mapping);
  const index = new Map(headers.flatMap((h, i) => (h.column ? [[h.column, i] as const] : [])));
  const columns = peopleTable.columns.map((c) => c.name);
  const generatedIds = !index.has('person_id');
  const sourceList = options.sourceList ?? raw.file.replace(/\.[^.]+$/, '');

  const rows = raw.rows.map(({ rowNumber, cells }) => {
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const out = new Map(columns.map((c) => [c, get(c)]));
    if (generatedIds) out.set('person_id', `${sourceList}-${rowNumber}`.replace(/[^\p{L}\p{N}_.-]+/gu, '-'));
    const full = get(FULL_NAME);
    if (full !== '' && out.get('given_name') === '' && out.get('family_name') === '') {
      const parts = splitFullName(full);
      out.set('given_name', parts.given);
      out.set('father_name', out.get('father_name') || parts.father);
      out.set('family_name', parts.family);
    }
    if (out.get('source_list') === '') out.set('source_list', sourceList);

    const date = readFieldDate(out.get('birth_date') ?? '', options.dateOrder);
    if (date.kind === 'converted') {
      out.set('birth_date', date.value);
      changes.push({ row: rowNumber, column: 'birth_date', from: date.from, to: date.value });
    } else if (date.kind === 'ambiguous') {
      issues.push(
        issue(
          'error',
          'ambiguous-date',
          raw.file,
          `"${date.from}" could be ${date.readings[0]} or ${date.readings[1]}; give --date-order dmy or mdy`,
          {
            row: rowNumber,
            column: 'birth_date',
          },
        ),
      );
      out.set('birth_date', '');
    }
    const phone = out.get('phone') ?? '';
    if (phone !== '') {
      const e164 = parsePhoneNumberFromString(phone, 'SY');
      if (e164?.isPossible()) {
        if (e164.number !== phone) changes.push({ row: rowNumber, column: 'phone', from: phone, to: e164.number });
        out.set('phone', e164.number);
      }
    }
    return { rowNumber, cells: columns.map((c) => out.get(c) ?? '') };
  });
  return { table: { file: raw.file, header: columns, rows }, headers, changes, issues };
}

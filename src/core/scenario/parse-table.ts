// Turns a raw table into typed rows through its TableSpec, collecting every problem with file, row and column.
import type { ScenarioIssue } from './issues.ts';
import { issue } from './issues.ts';
import type { RawTable } from './raw-table.ts';
import type { ColumnSpec, TableSpec } from './table-spec.ts';

/** A typed row and where it came from, so later cross-checks can point at it. */
export type Located<T> = T & { readonly _row: number };

export interface ParsedTable<T> {
  readonly rows: readonly Located<T>[];
  readonly issues: readonly ScenarioIssue[];
}

/** Header text → comparable key: case, spaces, hyphens, BOM and apostrophes do not matter. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[\s\-/]+/g, '_');
}

/** Header key → column name, for the columns' names and then their synonyms (a name wins over a synonym). */
export function headerLookup(columns: readonly ColumnSpec[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const c of columns) byKey.set(headerKey(c.name), c.name);
  for (const c of columns)
    for (const alias of c.aliases) if (!byKey.has(headerKey(alias))) byKey.set(headerKey(alias), c.name);
  return byKey;
}

/** Parses every row; a row with any error is left out of `rows` (and named in `issues`). */
export function parseTable<T>(spec: TableSpec<T>, raw: RawTable): ParsedTable<T> {
  const issues: ScenarioIssue[] = [];
  const columnIndex = new Map<string, number>();
  const byKey = headerLookup(spec.columns);
  raw.header.forEach((h, index) => {
    if (headerKey(h) === '') return;
    const name = byKey.get(headerKey(h));
    if (name === undefined) {
      issues.push(
        issue('warning', 'unknown-column', raw.file, `column "${h}" is not part of ${spec.file} and is ignored`, {
          row: 1,
          column: h,
        }),
      );
    } else if (columnIndex.has(name)) {
      issues.push(
        issue('error', 'duplicate-column', raw.file, `column "${h}" repeats column "${name}"`, { row: 1, column: h }),
      );
    } else {
      columnIndex.set(name, index);
    }
  });
  const missing = spec.columns.filter((c) => c.required && !columnIndex.has(c.name));
  for (const c of missing) {
    issues.push(
      issue('error', 'missing-column', raw.file, `missing column "${c.name}" (${c.description})`, {
        row: 1,
        column: c.name,
      }),
    );
  }
  if (missing.length > 0) return { rows: [], issues };

  const rows: Located<T>[] = [];
  const width = raw.header.length;
  for (const { rowNumber, cells } of raw.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length < width) {
      issues.push(
        issue(
          'error',
          'short-row',
          raw.file,
          `row has ${cells.length} cells but the header has ${width}; is a separator missing?`,
          {
            row: rowNumber,
          },
        ),
      );
      continue;
    }
    if (cells.length > width) {
      issues.push(
        issue(
          'error',
          'long-row',
          raw.file,
          `row has ${cells.length} cells but the header has ${width}; is a value unquoted?`,
          {
            row: rowNumber,
          },
        ),
      );
      continue;
    }
    const record: Record<string, string | undefined> = {};
    for (const c of spec.columns) {
      const index = columnIndex.get(c.name);
      record[c.name] = index === undefined ? undefined : cells[index];
    }
    const parsed = spec.row.safeParse(record);
    if (parsed.success) {
      rows.push({ ...(parsed.data as T & object), _row: rowNumber } as Located<T>);
    } else {
      for (const problem of parsed.error.issues) {
        const column = String(problem.path[0] ?? '');
        issues.push(issue('error', 'invalid-cell', raw.file, problem.message, { row: rowNumber, column }));
      }
    }
  }
  return { rows, issues };
}

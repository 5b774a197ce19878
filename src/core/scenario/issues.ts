// A problem found in a scenario, located as a spreadsheet user would look for it: file, row, column.

export type IssueSeverity = 'error' | 'warning';

/** One problem. `row` counts as a spreadsheet shows it (the header is row 1); absent for file-level problems. */
export interface ScenarioIssue {
  readonly severity: IssueSeverity;
  /** Stable machine-readable code, e.g. `missing-column`, `unknown-place`. */
  readonly code: string;
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

/** Builds an issue without undefined-valued keys (exactOptionalPropertyTypes). */
export function issue(
  severity: IssueSeverity,
  code: string,
  file: string,
  message: string,
  where: { row?: number | undefined; column?: string | undefined } = {},
): ScenarioIssue {
  return {
    severity,
    code,
    file,
    ...(where.row !== undefined ? { row: where.row } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
    message,
  };
}

/** `file:row:column: message`, the form editors and terminals can jump to. */
export function formatIssue(i: ScenarioIssue): string {
  const location = [i.file, i.row, i.column].filter((p) => p !== undefined).join(':');
  return `${location}: ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}`;
}

// Small text helpers shared by commands: numbers with thousands separators, plain tables, issue lists.
import { formatIssue, type ScenarioIssue } from '../core/scenario/issues.ts';

const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1012 → "1,012". */
export function count(n: number): string {
  return integerFormat.format(n);
}

/** "1 household" / "254 households". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}

/** Left-aligned columns for terminal tables. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints issues errors first, one per line, as file:row:column: message. */
export function printIssues(issues: readonly ScenarioIssue[], stream: NodeJS.WritableStream = process.stderr): void {
  const ordered = [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')];
  for (const i of ordered) stream.write(`${formatIssue(i)}\n`);
}

// Generates the scenario's JSON Schema and the column reference of docs/scenario.md from the table specs, so they cannot drift.
import { z } from 'zod';
import { controlAreasSchema } from './control-areas.ts';
import { scenarioManifestSchema } from './manifest.ts';
import { TABLES } from './tables.ts';

/** JSON Schema (draft 2020-12) of a scenario in its JSON form: the manifest, each table as an array of typed rows, control areas. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const tables = Object.fromEntries(
    TABLES.map((t) => [
      t.file,
      z.array(t.row as z.ZodType).describe(`${t.file}.csv or ${t.file}.xlsx: ${t.description}`),
    ]),
  );
  const whole = z
    .object({
      'scenario.json': scenarioManifestSchema,
      ...tables,
      'control-areas.geojson': controlAreasSchema.optional(),
    })
    .describe('A Safe Passage scenario folder: one property per file.');
  return {
    $id: 'https://safepassage.invalid/schema/scenario-1.json',
    title: 'Safe Passage scenario (format safepassage-scenario/1)',
    ...z.toJSONSchema(whole, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }),
  };
}

const escapeCell = (s: string) => s.replaceAll('|', '\\|');

/** The Markdown column reference: one table per file with column, required, meaning, and other accepted headers. */
export function columnReferenceMarkdown(): string {
  const parts: string[] = [];
  for (const t of TABLES) {
    parts.push(`### ${t.file}.csv${t.optionalFile ? ' (optional)' : ''}\n\n${t.description}\n`);
    parts.push('| column | required | meaning | also accepted as |\n|---|---|---|---|');
    for (const c of t.columns) {
      parts.push(
        `| \`${c.name}\` | ${c.required ? 'yes' : 'no'} | ${escapeCell(c.description)} | ${c.aliases.map((a) => `\`${escapeCell(a)}\``).join(', ')} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
}

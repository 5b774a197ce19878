// docs/scenario.md and docs/scenario.schema.json must say what the code does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS, regeneratedScenarioDoc, schemaText } from '../../scripts/update-scenario-docs.ts';
import { TABLES } from '../../src/core/scenario/tables.ts';

describe('scenario documentation', () => {
  const doc = readFileSync(join(DOCS, 'scenario.md'), 'utf8');

  it('has the column reference the code generates (run npm run docs:scenario after changing a column)', () => {
    expect(doc).toBe(regeneratedScenarioDoc(doc));
  });

  it('has the JSON Schema the code generates', () => {
    expect(readFileSync(join(DOCS, 'scenario.schema.json'), 'utf8')).toBe(schemaText());
  });

  it('documents every column of every table', () => {
    for (const table of TABLES) {
      for (const column of table.columns) expect(doc).toContain(`| \`${column.name}\` |`);
    }
  });

  it('exports a JSON Schema with every table and its required columns', () => {
    const schema = JSON.parse(schemaText()) as { properties: Record<string, { items?: { required?: string[] } }> };
    for (const table of TABLES) {
      const required = table.columns.filter((c) => c.required).map((c) => c.name);
      expect(schema.properties[table.file]?.items?.required ?? []).toEqual(expect.arrayContaining(required));
    }
  });
});

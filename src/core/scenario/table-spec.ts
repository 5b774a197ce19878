// How a table file is described once: its columns' schemas, descriptions and header synonyms (the source for docs and JSON Schema).
import { z } from 'zod';

/** One column: the schema of its cell, what it means, and the other headers field teams use for it. */
export interface ColumnSpec {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly description: string;
  readonly aliases: readonly string[];
  /** The header must be present (its cell may still be blank if the schema allows). */
  readonly required: boolean;
}

/** A table file of the scenario folder (CSV or XLSX). */
export interface TableSpec<T> {
  /** File name without extension: `people` is read from people.csv or people.xlsx. */
  readonly file: string;
  readonly description: string;
  /** The folder may leave the file out (an empty table). */
  readonly optionalFile: boolean;
  readonly columns: readonly ColumnSpec[];
  /** The row as a typed object; keys are the column names. */
  readonly row: z.ZodType<T>;
}

type ColumnInput = { schema: z.ZodType; description: string; aliases?: readonly string[] };

/** Declares a column. */
export function column<S extends z.ZodType>(
  schema: S,
  description: string,
  aliases: readonly string[] = [],
): { schema: S; description: string; aliases: readonly string[] } {
  return { schema: schema.describe(description) as S, description, aliases };
}

/** Declares a table from its columns; header presence is required for columns whose blank cell is invalid. */
export function defineTable<C extends Record<string, ColumnInput>>(
  file: string,
  description: string,
  columns: C,
  options: { optionalFile?: boolean } = {},
): TableSpec<z.output<z.ZodObject<{ [K in keyof C]: C[K]['schema'] }>>> {
  const shape = Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, c.schema])) as {
    [K in keyof C]: C[K]['schema'];
  };
  return {
    file,
    description,
    optionalFile: options.optionalFile ?? false,
    columns: Object.entries(columns).map(([name, c]) => ({
      name,
      schema: c.schema,
      description: c.description,
      aliases: c.aliases ?? [],
      required: !c.schema.safeParse(undefined).success,
    })),
    row: z.object(shape) as never,
  };
}

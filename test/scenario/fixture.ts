// Test helper: a throw-away copy of a fixture scenario that a test may break on purpose.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINY = join(import.meta.dirname, '../fixtures/scenarios/tiny');

/** Copies the tiny scenario to a temp folder and returns helpers to edit its files. */
export function copyOfTiny() {
  const dir = mkdtempSync(join(tmpdir(), 'sp-scenario-'));
  cpSync(TINY, dir, { recursive: true });
  return {
    dir,
    read: (file: string) => readFileSync(join(dir, file), 'utf8'),
    write: (file: string, content: string | Buffer) => writeFileSync(join(dir, file), content),
    edit: (file: string, change: (text: string) => string) => {
      const path = join(dir, file);
      writeFileSync(path, change(readFileSync(path, 'utf8')));
    },
  };
}

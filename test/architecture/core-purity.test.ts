// The core must stay pure so the same engines run in the CLI, the server, a worker and the browser.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
const CORE = join(SRC, 'core');

/** Node built-ins that touch the outside world (files, network, processes, threads, the clock of the OS). */
const FORBIDDEN_BUILTINS =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|worker_threads|os|dgram|tls|cluster|readline|process|dns|inspector|v8|vm)$/;
/** Packages that are adapters' business. */
const FORBIDDEN_PACKAGES =
  /^(pg|kysely|@electric-sql\/pglite|hono|@hono\/.*|commander|exceljs|csv-parse.*|cli-progress|pino|playwright-core)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3])!);
  return specifiers;
}

function violations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const specifier of importsOf(source)) {
    if (FORBIDDEN_BUILTINS.test(specifier)) found.push(`imports ${specifier}`);
    if (FORBIDDEN_PACKAGES.test(specifier)) found.push(`imports adapter package ${specifier}`);
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(CORE)) found.push(`imports ${relative(SRC, target)} from outside src/core`);
    }
  }
  const code = source.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  if (/\bprocess\.(env|argv|exit|stdout|stderr|cwd)/.test(code)) found.push('uses process');
  if (/\bDate\.now\(\)|new Date\(\)|performance\.now\(\)/.test(code)) found.push('reads the clock (pass time in)');
  if (/\bMath\.random\(\)/.test(code)) found.push('uses unseeded randomness');
  return found;
}

describe('src/core is pure', () => {
  it('imports no I/O built-in, adapter package or adapter module, and reads no clock', () => {
    const problems = sourceFiles(CORE).flatMap((file) =>
      violations(file, readFileSync(file, 'utf8')).map((v) => `${relative(SRC, file)}: ${v}`),
    );
    expect(problems).toEqual([]);
  });

  it('the check itself catches each kind of violation', () => {
    const file = join(CORE, 'routing', 'x.ts');
    expect(violations(file, "import { readFileSync } from 'node:fs';")).toEqual(['imports node:fs']);
    expect(violations(file, "import { Hono } from 'hono';")).toEqual(['imports adapter package hono']);
    expect(violations(file, "import { loadScenario } from '../../io/scenario/load-scenario.ts';")).toEqual([
      'imports io/scenario/load-scenario.ts from outside src/core',
    ]);
    expect(violations(file, 'const t = Date.now();')).toEqual(['reads the clock (pass time in)']);
    expect(violations(file, "import { ok } from '../result.ts';")).toEqual([]);
  });
});

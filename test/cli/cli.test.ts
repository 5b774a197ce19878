// The installed `safepassage` command as a user runs it: exit codes, messages, JSON, files written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfTiny, TINY } from '../scenario/fixture.ts';

const BIN = resolve(import.meta.dirname, '../../bin/safepassage.mjs');

function safepassage(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('safepassage CLI', () => {
  it('validate: exit 0 and a one-line summary on a valid scenario', () => {
    const r = safepassage('validate', TINY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^valid: 8 people in 3 households \(4 volunteers\), 6 places, 6 road links, 2 checkpoints \(1 closed\)/,
    );
  });

  it('validate: exit 1, every error as file:row:column, no stack trace', () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) => t.replace('1988-03-14', '03/07/1985').replace(',Daraa,', ',Deraa,'));
    const r = safepassage('validate', s.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('people.csv:2:birth_date: "03/07/1985" is ambiguous');
    expect(r.stderr).toContain('people.csv:5:location: unknown place "Deraa"; did you mean "Daraa"?');
    expect(r.stderr).toContain('invalid: 2 errors');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('validate --json: the same problems as objects', () => {
    const s = copyOfTiny();
    s.edit('vehicles.csv', (t) => t.replace('bus,bus,45', 'bus,bus,-3'));
    const r = safepassage('validate', '--json', s.dir);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as {
      valid: boolean;
      issues: { file: string; row: number; column: string; severity: string }[];
    };
    expect(body.valid).toBe(false);
    expect(body.issues).toContainEqual(
      expect.objectContaining({ file: 'vehicles.csv', row: 2, column: 'seats', severity: 'error' }),
    );
  });

  it('validate: a folder that does not exist is invalid input, not a crash', () => {
    const r = safepassage('validate', '/nonexistent/scenario');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such scenario folder');
  });

  it('usage errors exit 2; --help exits 0', () => {
    expect(safepassage('validate').code).toBe(2);
    expect(safepassage('plan', TINY, '--no-such-option').code).toBe(2);
    expect(safepassage('no-such-command').code).toBe(2);
    const help = safepassage('plan', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--out <dir>');
  });

  it('plan --out writes plan.json with the scenario summary', () => {
    const out = mkdtempSync(join(tmpdir(), 'sp-plan-'));
    const r = safepassage('plan', TINY, '--out', out);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'plan.json'))).toBe(true);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as {
      format: string;
      summary: { people: number };
    };
    expect(plan.format).toBe('safepassage-plan/1');
    expect(plan.summary.people).toBe(8);
  });
});

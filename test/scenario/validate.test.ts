// The validator on the tiny scenario and on copies broken the ways field teams break spreadsheets.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ScenarioIssue } from '../../src/core/scenario/issues.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { copyOfTiny, TINY } from './fixture.ts';

const errorsOf = (issues: readonly ScenarioIssue[]) => issues.filter((i) => i.severity === 'error');

describe('validate: a correct scenario', () => {
  it('loads the tiny scenario with its households assembled and places resolved', async () => {
    const { scenario, errorCount } = await loadScenario(TINY);
    expect(errorCount).toBe(0);
    expect(scenario?.people).toHaveLength(8);
    expect(scenario?.households.map((h) => h.household_id).sort()).toEqual(['h1', 'h2', 'h3']);
    const h2 = scenario?.households.find((h) => h.household_id === 'h2');
    expect(h2?.head_id).toBe('p4');
    const p1 = scenario?.people.find((p) => p.person_id === 'p1');
    expect(p1?.resolved_location).toEqual({ lat: 32.8906, lon: 36.0432, place_id: 'nawa' });
    expect(p1?.phone_e164).toBe('+963944123456');
    expect(scenario?.people.find((p) => p.person_id === 'p6')?.phone_e164).toBe('+963933444555');
    expect(scenario?.exits.find((e) => e.id === 'golan-line')?.windows).toHaveLength(1);
  });
});

describe('validate: broken copies are rejected with file:row:column', () => {
  it('reports a missing column on the header row', async () => {
    const s = copyOfTiny();
    s.edit('places.csv', (t) => t.replace('kind,', '').replace(/,(town|assembly_point|destination),/g, ','));
    const { issues, scenario } = await loadScenario(s.dir);
    expect(scenario).toBeUndefined();
    expect(errorsOf(issues)).toContainEqual(
      expect.objectContaining({ code: 'missing-column', file: 'places.csv', row: 1, column: 'kind' }),
    );
  });

  it('reports a row with too few cells', async () => {
    const s = copyOfTiny();
    s.edit('vehicles.csv', (t) => t.replace('bus,bus,45,2,quneitra,', 'bus,bus,45'));
    const { issues } = await loadScenario(s.dir);
    expect(errorsOf(issues)).toContainEqual(
      expect.objectContaining({ code: 'short-row', file: 'vehicles.csv', row: 2 }),
    );
  });

  it('refuses an ambiguous slash date and spells out both readings', async () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) => t.replace('1988-03-14', '03/07/1985'));
    const { issues } = await loadScenario(s.dir);
    const problem = errorsOf(issues).find((i) => i.column === 'birth_date');
    expect(problem).toMatchObject({ file: 'people.csv', row: 2, column: 'birth_date' });
    expect(problem?.message).toContain('ambiguous');
    expect(problem?.message).toContain('1985-07-03');
    expect(problem?.message).toContain('1985-03-07');
  });

  it('reports a household listed in households.csv with no members', async () => {
    const s = copyOfTiny();
    s.edit('households.csv', (t) => `${t}h9,GBR,,ar,,,\n`);
    const { issues } = await loadScenario(s.dir);
    expect(errorsOf(issues)).toContainEqual(
      expect.objectContaining({ code: 'empty-household', file: 'households.csv', row: 5 }),
    );
  });

  it('reports a checkpoint outside the map (lat and lon swapped)', async () => {
    const s = copyOfTiny();
    s.edit('checkpoints.csv', (t) => t.replace('32.95,35.99', '35.99,32.95'));
    const { issues } = await loadScenario(s.dir);
    const problem = errorsOf(issues).find((i) => i.code === 'off-map');
    expect(problem).toMatchObject({ file: 'checkpoints.csv', row: 2 });
    expect(problem?.message).toContain('swapped');
  });

  it('reports an unknown place and suggests the closest one', async () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) => t.replace(',Daraa,', ',Deraa,'));
    const { issues } = await loadScenario(s.dir);
    const problem = errorsOf(issues).find((i) => i.code === 'unknown-place');
    expect(problem).toMatchObject({ file: 'people.csv', row: 5, column: 'location' });
    expect(problem?.message).toContain('did you mean "Daraa"');
  });

  it('reports a duplicate id with the row of the first use', async () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) => t.replace('p7,h3', 'p6,h3'));
    const { issues } = await loadScenario(s.dir);
    const problem = errorsOf(issues).find((i) => i.code === 'duplicate-id');
    expect(problem).toMatchObject({ file: 'people.csv', row: 8, column: 'person_id' });
    expect(problem?.message).toContain('row 7');
  });

  it('lists every error at once, not only the first', async () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) => t.replace('1988-03-14', '03/07/1985').replace(',Daraa,', ',Deraa,'));
    s.edit('vehicles.csv', (t) => t.replace('bus,bus,45,2', 'bus,bus,forty-five,2'));
    const { issues } = await loadScenario(s.dir);
    expect(errorsOf(issues).map((i) => `${i.file}:${i.row}:${i.column}`)).toEqual(
      expect.arrayContaining(['people.csv:2:birth_date', 'people.csv:5:location', 'vehicles.csv:2:seats']),
    );
  });

  it('reports a missing required file and invalid scenario.json fields', async () => {
    const s = copyOfTiny();
    s.edit('scenario.json', (t) => t.replace('"horizon_hours": 24', '"horizon_hours": -5'));
    s.write('exits.csv', '');
    const { issues } = await loadScenario(s.dir);
    expect(errorsOf(issues)).toContainEqual(
      expect.objectContaining({ file: 'scenario.json', column: 'horizon_hours' }),
    );
    expect(errorsOf(issues)).toContainEqual(expect.objectContaining({ code: 'missing-column', file: 'exits.csv' }));
  });
});

describe('validate: files as spreadsheets really save them', () => {
  it('accepts a BOM, Windows line endings and semicolons with decimal commas (European Excel)', async () => {
    const s = copyOfTiny();
    const european = s
      .read('places.csv')
      .split('\n')
      .map((line) =>
        line
          .replace(/(\d+)\.(\d+)/g, '$1#$2')
          .replaceAll(',', ';')
          .replaceAll('#', ','),
      )
      .join('\r\n');
    s.write('places.csv', `\uFEFF${european}`);
    const { errorCount, scenario } = await loadScenario(s.dir);
    expect(errorCount).toBe(0);
    expect(scenario?.places.find((p) => p.place_id === 'daraa')).toMatchObject({ lat: 32.6189, lon: 36.1021 });
  });

  it('reads people from XLSX with Arabic text and real date cells', async () => {
    const s = copyOfTiny();
    const csv = s.read('people.csv').trim().split('\n');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    const { parse } = await import('csv-parse/sync');
    const records: string[][] = parse(csv.join('\n'));
    records.forEach((cells, index) => {
      // A real spreadsheet stores full dates as date cells, not text.
      const row =
        index === 0 ? cells : cells.map((c) => (/^\d{4}-\d{2}-\d{2}$/.test(c) ? new Date(`${c}T00:00:00Z`) : c));
      sheet.addRow(row);
    });
    const { rmSync } = await import('node:fs');
    rmSync(`${s.dir}/people.csv`);
    await workbook.xlsx.writeFile(`${s.dir}/people.xlsx`);
    const { errorCount, scenario } = await loadScenario(s.dir);
    expect(errorCount).toBe(0);
    const p1 = scenario?.people.find((p) => p.person_id === 'p1');
    expect(p1?.name_arabic).toBe('محمد أحمد الحريري');
    expect(p1?.birth_date).toBe('1988-03-14');
  });

  it('names the XLSX row of a bad cell', async () => {
    const s = copyOfTiny();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Vehicles');
    sheet.addRow(['id', 'type', 'seats', 'count', 'start_place']);
    sheet.addRow(['bus', 'bus', 45, 2, 'quneitra']);
    sheet.addRow(['van', 'spaceship', 8, 1, 'nawa']);
    const { rmSync } = await import('node:fs');
    rmSync(`${s.dir}/vehicles.csv`);
    await workbook.xlsx.writeFile(`${s.dir}/vehicles.xlsx`);
    const { issues } = await loadScenario(s.dir);
    expect(errorsOf(issues)).toContainEqual(expect.objectContaining({ file: 'vehicles.xlsx', row: 3, column: 'type' }));
  });
});

describe('validate: household integrity', () => {
  it('warns about a child born before a parent could have had children, and a parent younger than the head', async () => {
    const s = copyOfTiny();
    s.edit('people.csv', (t) =>
      t
        .replace('p3,h1,child,Omar,Mohammed,Al-Hariri,,M,2012', 'p3,h1,child,Omar,Mohammed,Al-Hariri,,M,1985')
        .replace('p5,h2,parent,Aisha,Ali,Masalmeh,,F,1948', 'p5,h2,parent,Aisha,Ali,Masalmeh,,F,1980'),
    );
    const { issues, errorCount } = await loadScenario(s.dir);
    expect(errorCount).toBe(0);
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'implausible-child', row: 4 }));
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'implausible-parent', row: 6 }));
  });
});

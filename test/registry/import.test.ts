// Importing field lists into a scenario: valid rows in, bad rows listed with file:row:column, never half-written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importPeople } from '../../src/io/registry/import-people.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { copyOfTiny } from '../scenario/fixture.ts';

const LIST = [
  'Full name,Family no.,Sex,DOB,Mobile,Town,Type',
  'Mohamad Ahmad el Hariri,h1,M,25/12/1988,0944 123 456,Nawa,volunteer',
  'Samir Khaled Masalmeh,h2,M,03/07/1979,,Daraa,volunteer',
  'Layla Al Masri,h3,F,1999,00963 933 000111,Deraa,family',
  'Rami Hussein Al-Masri,h3,X,1997,,Quneitra,refugee',
].join('\n');
const MAPPING = { 'Family no.': 'household_id', Type: 'role' };

describe('import', () => {
  it('writes the valid rows, lists each bad row with its column, and the scenario still validates', async () => {
    const s = copyOfTiny();
    const listPath = join(s.dir, '..', `list-${Date.now()}.csv`);
    writeFileSync(listPath, LIST);
    const report = await importPeople([listPath], s.dir, { mapping: MAPPING });
    const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.row}:${i.column}:${i.code}`);
    expect(errors).toEqual(
      expect.arrayContaining(['3:birth_date:ambiguous-date', '4:location:unknown-place', '5:role:invalid-cell']),
    );
    expect(report.written).toBe(1);
    expect(report.files[0]).toMatchObject({ rows: 4, accepted: 1, rejected: 3 });
    const loaded = await loadScenario(s.dir);
    expect(loaded.errorCount).toBe(0);
    const imported = loaded.scenario?.people.find((p) => p.given_name === 'Mohamad');
    expect(imported).toMatchObject({
      father_name: 'Ahmad',
      family_name: 'el Hariri',
      birth_date: '1988-12-25',
      phone: '+963944123456',
    });
  });

  it('with --date-order dmy the ambiguous date is read day first', async () => {
    const s = copyOfTiny();
    const listPath = join(s.dir, '..', `list-dmy-${Date.now()}.csv`);
    writeFileSync(listPath, LIST);
    const report = await importPeople([listPath], s.dir, { mapping: MAPPING, dateOrder: 'dmy' });
    expect(report.written).toBe(2);
    const loaded = await loadScenario(s.dir);
    expect(loaded.scenario?.people.find((p) => p.given_name === 'Samir')?.birth_date).toBe('1979-07-03');
  });

  it('a dry run writes nothing; importing twice does not duplicate people', async () => {
    const s = copyOfTiny();
    const before = s.read('people.csv');
    const listPath = join(s.dir, '..', `list-twice-${Date.now()}.csv`);
    writeFileSync(listPath, LIST);
    await importPeople([listPath], s.dir, { mapping: MAPPING, dryRun: true });
    expect(s.read('people.csv')).toBe(before);
    await importPeople([listPath], s.dir, { mapping: MAPPING });
    const second = await importPeople([listPath], s.dir, { mapping: MAPPING });
    expect(second.written).toBe(0);
    expect(second.issues.some((i) => i.code === 'duplicate-id')).toBe(true);
  });

  it('reads an XLSX list with Arabic headers', async () => {
    const s = copyOfTiny();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('قائمة');
    sheet.addRow([
      'الرقم',
      'رقم العائلة',
      'الاسم',
      'اسم الأب',
      'الكنية',
      'الجنس',
      'تاريخ الميلاد',
      'الموقع',
      'category',
    ]);
    sheet.addRow(['x1', 'h2', 'Yousef', 'Khaled', 'Masalmeh', 'M', new Date('2004-02-01T00:00:00Z'), 'درعا', 'family']);
    const listPath = join(s.dir, '..', `list-ar-${Date.now()}.xlsx`);
    await workbook.xlsx.writeFile(listPath);
    const report = await importPeople([listPath], s.dir);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.written).toBe(1);
    const loaded = await loadScenario(s.dir);
    expect(loaded.scenario?.people.find((p) => p.person_id === 'x1')).toMatchObject({
      household_id: 'h2',
      birth_date: '2004-02-01',
      resolved_location: { place_id: 'daraa' },
    });
  });

  it('refuses to import into an invalid scenario and leaves it untouched', async () => {
    const s = copyOfTiny();
    s.edit('vehicles.csv', (t) => t.replace('bus,bus,45', 'bus,bus,-1'));
    const before = readFileSync(join(s.dir, 'people.csv'), 'utf8');
    const listPath = join(s.dir, '..', `list-bad-${Date.now()}.csv`);
    writeFileSync(listPath, LIST);
    const report = await importPeople([listPath], s.dir, { mapping: MAPPING });
    expect(report.scenarioValid).toBe(false);
    expect(report.written).toBe(0);
    expect(readFileSync(join(s.dir, 'people.csv'), 'utf8')).toBe(before);
  });
});

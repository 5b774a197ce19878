// Encryption at rest: a dump of the whole database holds none of 1,000 seeded names, Arabic names, phones or notes.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { findPeople, listCases, readCase } from '../../src/store/cases.ts';
import { importScenario } from '../../src/store/scenario-import.ts';
import { STORE_TABLES } from '../../src/store/schema.ts';
import type { Store, StoreConfig } from '../../src/store/store.ts';
import { DIALECTS, dropTestDatabases, freshStore, removeScratch } from './harness.ts';
import { type SeededPerson, seededScenario, seedOrganisation } from './people-fixture.ts';

afterAll(async () => {
  await dropTestDatabases();
  removeScratch();
}, 60_000);

/** Every byte the database keeps: the data folder's files, or pg_dump (a SELECT of every table without it). */
async function dumpOf(store: Store, config: StoreConfig): Promise<Buffer> {
  if ('dataDir' in config) {
    await store.close();
    const files: Buffer[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(readFileSync(path));
      }
    };
    walk(config.dataDir);
    return Buffer.concat(files);
  }
  try {
    const { stdout } = await promisify(execFile)('pg_dump', ['--dbname', config.databaseUrl], {
      maxBuffer: 1 << 30,
      encoding: 'buffer',
    });
    await store.close();
    return stdout;
  } catch {
    const parts: string[] = [];
    for (const table of STORE_TABLES) {
      const { rows } = await sql<{
        dump: string;
      }>`select coalesce(string_agg(t::text, E'\n'), '') as dump from ${sql.table(table)} t`.execute(store.db);
      parts.push(rows[0]!.dump);
    }
    await store.close();
    return Buffer.from(parts.join('\n'), 'utf8');
  }
}

/** Seeded values found in `dump`: names and notes by their made-up shapes, phones by digits, Arabic by letter runs. */
function leaks(dump: Buffer, seeded: readonly SeededPerson[]): string[] {
  const text = dump.toString('latin1');
  const known = new Set<string>();
  for (const s of seeded) {
    known.add(s.givenName);
    known.add(s.familyName);
    known.add(s.phone.slice(1));
    for (const w of s.nameArabic.split(' ')) known.add(w);
  }
  const found = new Set<string>();
  for (const m of text.matchAll(/Q[yz][bcdfghjklmnpqrstvwxz]{8}|9639\d{8}/g)) if (known.has(m[0])) found.add(m[0]);
  for (const m of text.matchAll(/(?:[\xD8\xD9][\x80-\xBF]){6,7}/g)) {
    const word = Buffer.from(m[0], 'latin1').toString('utf8');
    if (known.has(word)) found.add(word);
  }
  return [...found];
}

describe.each(DIALECTS)('encryption at rest on $name', (dialect) => {
  it('keeps 1,000 seeded names and phones out of every byte of the database', async () => {
    const { store, config } = await freshStore(dialect);
    const ctx = await seedOrganisation(store, 'org-a');
    const tiny = await loadScenario('test/fixtures/scenarios/tiny');
    const { scenario, seeded } = seededScenario(tiny.scenario!, 1000);
    const imported = await importScenario(store, ctx, scenario);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;

    // The data is really there and usable: a case opens, and the blind index finds a person by name and by phone.
    const cases = await listCases(store, ctx, imported.value.scenarioId);
    const first = cases.ok ? await readCase(store, ctx, cases.value[0]!.caseId) : undefined;
    expect(first?.ok && first.value.members[0]?.given_name).toBe(seeded[0]!.givenName);
    const byName = await findPeople(store, ctx, imported.value.scenarioId, {
      given_name: seeded[500]!.givenName,
      family_name: seeded[500]!.familyName,
    });
    expect(byName.ok && byName.value[0]).toMatchObject({ personId: 's500', exact: true });
    const byPhone = await findPeople(store, ctx, imported.value.scenarioId, {
      given_name: '',
      family_name: '',
      phone_e164: seeded[42]!.phone,
    });
    expect(byPhone.ok && byPhone.value.map((m) => m.personId)).toEqual(['s42']);

    // A positive control: one seeded name put in a plain column must be found, so the scan is not blind.
    await store.db.updateTable('organisations').set({ name: seeded[7]!.givenName }).where('id', '=', 'org-a').execute();
    const dump = await dumpOf(store, config);
    expect(leaks(dump, seeded)).toEqual([seeded[7]!.givenName]);
  }, 120_000);
});

// The PGlite dialect: transactions commit and roll back, and concurrent transactions on its one connection take turns.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteDialect } from '../../src/store/pglite-dialect.ts';
import { DIALECTS, removeScratch } from './harness.ts';

interface CounterSchema {
  counter: { id: number; value: number };
}

describe('PGlite dialect', () => {
  let pglite: PGlite;
  let db: Kysely<CounterSchema>;
  // A copy of the migrated template folder: an in-memory PGlite would run initdb (seconds of WASM) again.
  beforeAll(async () => {
    const config = await DIALECTS[0]!.freshConfig();
    if (!('dataDir' in config)) throw new Error('the first dialect is the embedded one');
    pglite = await PGlite.create(config.dataDir);
    db = new Kysely<CounterSchema>({ dialect: new PGliteDialect(pglite) });
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
    removeScratch();
  });

  it('commits, rolls back and serialises concurrent transactions', async () => {
    await sql`create table counter (id integer primary key, value integer not null)`.execute(db);
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ value: 100 }).where('id', '=', 1).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()).value).toBe(0);

    // Read-then-write in each transaction: without serialisation the increments would interleave and be lost.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx
            .selectFrom('counter')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    expect((await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()).value).toBe(20);
    const affected = await db.updateTable('counter').set({ value: 0 }).executeTakeFirst();
    expect(affected.numUpdatedRows).toBe(1n);
  });
});

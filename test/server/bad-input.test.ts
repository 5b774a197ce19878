// Bad input: hundreds of seeded mutations of a people list and of JSON bodies; every one gets a 4xx problem, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { call, type ServerFixture, serverFixture } from './fixture.ts';

/** mulberry32: a small seeded generator, so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CSV = [
  'person_id,household_id,relationship,given_name,family_name,sex,birth_date,role,location',
  'm1,hm1,head,Ali,Saleh,M,1981-02-03,volunteer,Nawa',
  'm2,hm1,spouse,Huda,Saleh,F,1984-05-06,family,Nawa',
].join('\n');

function mutateText(text: string, rnd: () => number): Uint8Array {
  const pick = Math.floor(rnd() * 8);
  const at = Math.floor(rnd() * text.length);
  switch (pick) {
    case 0:
      return Buffer.from(text.slice(0, at));
    case 1:
      return Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from(Array.from({ length: 64 }, () => Math.floor(rnd() * 256))),
        Buffer.from(text.slice(at)),
      ]);
    case 2:
      return Buffer.from(text.replace(/1981-02-03|F|Nawa|head/, ['tomorrow', 'Q', '', 'boss'][Math.floor(rnd() * 4)]!));
    case 3:
      return Buffer.from(`${text}\n${'x'.repeat(Math.floor(rnd() * 100_000))}`);
    case 4:
      return Buffer.from(text.replaceAll(',', [';', '\t', '"', ''][Math.floor(rnd() * 4)]!));
    case 5:
      return Buffer.from(`PK\u0003\u0004${text}`);
    case 6:
      return Buffer.from(
        text
          .split('\n')
          .map((l) => l.split(',').reverse().join(','))
          .join('\n'),
      );
    default:
      return Buffer.from(`${text}\n${text.split('\n')[1]}`);
  }
}

const REPORT = {
  target_kind: 'checkpoint',
  target_id: 'cp-nawa-north',
  new_status: 'closed',
  observed_at: '2018-07-21T08:00+03:00',
  source: 'team',
  reliability: 'B',
  credibility: 2,
};
const WEIRD: unknown[] = [
  null,
  true,
  -1,
  1e308,
  '',
  'x'.repeat(70_000),
  [],
  {},
  { __proto__: { admin: true } },
  '\u0000',
  [[[[[]]]]],
];

function mutateJson(rnd: () => number): string {
  const base = JSON.stringify(REPORT);
  const pick = Math.floor(rnd() * 5);
  if (pick === 0) return base.slice(0, Math.floor(rnd() * base.length));
  if (pick === 1) return base.replace(/[{}":,]/, ['', '[', "'", ';'][Math.floor(rnd() * 4)]!);
  const keys = Object.keys(REPORT);
  const key = keys[Math.floor(rnd() * keys.length)]!;
  const value = WEIRD[Math.floor(rnd() * WEIRD.length)];
  if (pick === 2) return JSON.stringify({ ...REPORT, [key]: value });
  if (pick === 3) return JSON.stringify({ ...REPORT, extra: value });
  return JSON.stringify(value);
}

describe.each(DIALECTS)('bad input on $name', (dialect) => {
  let fx: ServerFixture;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
  }, 120_000);
  afterAll(async () => {
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  it('rejects 200 mutated people lists with a 4xx problem (or imports a still-valid one), never a 500', async () => {
    const token = await fx.token('coordinator');
    const rnd = random(20180721);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const body = mutateText(CSV, rnd);
      const res = await call(fx.app, 'POST', `/api/import?file=list-${i}.csv`, {
        token,
        body: body as Uint8Array<ArrayBuffer>,
        headers: { 'Content-Type': 'text/csv' },
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const type = res.headers.get('Content-Type') ?? '';
      if (res.status === 200) continue;
      expect(res.status, `mutation ${i}: ${await res.text()}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `mutation ${i}`).toBeLessThan(500);
      expect(type).toContain('application/problem+json');
    }
    expect(statuses.get(500)).toBeUndefined();
  }, 120_000);

  it('rejects 300 malformed JSON bodies with 400/413/415 problems, never a 500', async () => {
    const token = await fx.token('coordinator');
    const rnd = random(7);
    const paths = ['/api/situation/reports', '/api/login', `/api/cases/${fx.sharedCaseId}/share`, '/api/password'];
    for (let i = 0; i < 300; i++) {
      const path = paths[i % paths.length]!;
      const raw = mutateJson(rnd);
      const res = await call(fx.app, 'POST', path, {
        token,
        body: raw,
        headers: { 'Content-Type': 'application/json' },
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 200) continue; // a mutation that is still a valid request
      expect([400, 401, 404, 413, 415], `${path} ${raw.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`).toContain(
        res.status,
      );
      expect(JSON.parse(text).code).toBeTypeOf('string');
    }
  }, 120_000);

  it('refuses a body over the limit with 413 payload-too-large', async () => {
    const token = await fx.token('coordinator');
    const res = await call(fx.app, 'POST', '/api/situation/reports', {
      token,
      body: JSON.stringify({ ...REPORT, notes: 'x'.repeat(100_000) }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload-too-large');
  });
});

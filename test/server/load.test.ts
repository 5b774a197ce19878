// Load on loopback: 200 concurrent clients file field reports and read cases for ~5 s; no errors, no lost or doubled write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFieldReports } from '../../src/server/data/field-reports.ts';
import { type RunningServer, startServer } from '../../src/server/index.ts';
import { DIALECTS, dropTestDatabases, removeScratch } from '../store/harness.ts';
import { type ServerFixture, serverFixture } from './fixture.ts';

const CLIENTS = 200;
const DURATION_MS = 5_000;

describe.each(DIALECTS)('load on loopback on $name', (dialect) => {
  let fx: ServerFixture;
  let server: RunningServer;
  beforeAll(async () => {
    fx = await serverFixture(dialect);
    server = await startServer(fx.app, { host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await fx?.store.close();
    await dropTestDatabases();
    removeScratch();
  });

  it(`${CLIENTS} clients writing and reading for ${DURATION_MS / 1000} s`, async () => {
    const writer = await fx.token('field_officer');
    const reader = await fx.token('coordinator');
    const before = await countFieldReports(fx.store, fx.scenarioId);
    const written: string[] = [];
    const failures: string[] = [];
    let reads = 0;
    const latencies: number[] = [];
    const deadline = Date.now() + DURATION_MS;
    const client = async (n: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const started = performance.now();
        const res = await fetch(`${server.url}/api/situation/reports`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${writer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            target_kind: 'checkpoint',
            target_id: n % 2 === 0 ? 'cp-nawa-north' : 'cp-sheikh-maskin',
            new_status: i % 2 === 0 ? 'closed' : 'open',
            observed_at: '2018-07-21T08:00+03:00',
            source: `client ${n}`,
            reliability: 'C',
            credibility: 3,
          }),
        });
        latencies.push(performance.now() - started);
        if (res.status === 201) written.push(((await res.json()) as { report_id: string }).report_id);
        else failures.push(`write ${res.status} ${await res.text()}`);
        const read = await fetch(`${server.url}/api/cases`, { headers: { Authorization: `Bearer ${reader}` } });
        if (read.status === 200) reads++;
        else failures.push(`read ${read.status}`);
        await read.arrayBuffer();
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `load (${dialect.name}): ${CLIENTS} clients, ${seconds.toFixed(1)} s, ${written.length} writes (${(written.length / seconds).toFixed(0)}/s), ` +
        `${reads} reads, write latency p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]?.toFixed(0)} ms`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(written.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(new Set(written).size).toBe(written.length);
    expect(await countFieldReports(fx.store, fx.scenarioId)).toBe(before + written.length);
  }, 60_000);
});

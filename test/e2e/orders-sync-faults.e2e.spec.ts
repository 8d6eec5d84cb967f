import { DataSource } from 'typeorm';
import { OrderSyncOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const value = await probe();
    if (done(value)) return value;
    await sleep(10);
  }
  throw new Error(`gave up waiting for ${what}`);
}

const getRun = async (api: TestApp, id: number) =>
  (await api.request('GET', `/api/v1/orders/sync/runs/${id}`, { token: ADMIN_TOKEN })).body;
const finishedRun = (api: TestApp, id: number) =>
  until(
    () => getRun(api, id),
    (run) => run.status !== 'running',
    `run ${id}`,
  );

/** Consistency that must hold whatever happened: one row per record id, stats equal to the rows. */
async function expectConsistent(api: TestApp): Promise<void> {
  const [row] = await api.app.get(DataSource).query(
    `SELECT (SELECT count(*) FROM orders)::int AS rows, (SELECT count(DISTINCT record_id) FROM orders)::int AS ids,
            (SELECT coalesce(sum(orders), 0) FROM order_stats)::int AS stats,
            (SELECT coalesce(sum(total), 0) FROM orders)::text AS total, (SELECT coalesce(sum(total), 0) FROM order_stats)::text AS stats_total`,
  );
  expect(row.ids).toBe(row.rows);
  expect({ count: row.stats, total: row.stats_total }).toEqual({ count: row.rows, total: row.total });
}

describe('orders sync interrupted by failures (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 2000, requestsPerSecond: 0 });
    api = await startOrdersApp(sim);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  const storedCount = async () => (await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM orders`))[0].n as number;

  it('fails half-way through a first import, keeps what it wrote, and the next run completes it', async () => {
    sim.faults({ latencyMs: 15 });
    const started = await syncNow(api, 'wait=0');
    await until(storedCount, (n) => n >= 500, '500 stored orders');
    sim.faults({ failNext: 100, status: 500 });
    const failed = await finishedRun(api, started.body.id);
    sim.clearFaults();
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 500') });
    const partial = await storedCount();
    expect(partial).toBe(failed.created);
    expect(partial).toBeGreaterThanOrEqual(500);
    expect(partial).toBeLessThan(2000);
    await expectConsistent(api);

    const next = await syncNow(api);
    expect(next.body).toMatchObject({ status: 'succeeded', fullPass: true, fetched: 2000, created: 2000 - partial, unchanged: partial });
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
    await expectConsistent(api);
  });

  it('does not move the high-water mark when an incremental run fails; the next one picks everything up', async () => {
    const records = sim.records();
    for (const record of records.slice(0, 600)) sim.updateRecord(record.id, { Total: 1 + (record.fields.Total ?? 0) });
    sim.faults({ latencyMs: 15 });
    const started = await syncNow(api, 'wait=0');
    const progressed = await until(
      () => getRun(api, started.body.id),
      (run) => run.fetched >= 200,
      'progress',
    );
    expect(progressed.fullPass).toBe(false);
    sim.faults({ failNext: 100, status: 503 });
    const failed = await finishedRun(api, started.body.id);
    sim.clearFaults();
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 503') });
    expect(failed.updated).toBeGreaterThanOrEqual(200);
    expect(failed.updated).toBeLessThan(600);

    sim.updateRecord(records[1999].id, { Status: 'Cancelled' });
    const next = await syncNow(api);
    expect(next.body).toMatchObject({
      status: 'succeeded',
      fullPass: false,
      modifiedSince: failed.modifiedSince,
      updated: 601 - failed.updated,
    });
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
    await expectConsistent(api);
  });

  it('retries a transient server error and carries on', async () => {
    sim.faults({ failNext: 2, status: 502 });
    const response = await syncNow(api, 'full=true');
    expect(response.body).toMatchObject({ status: 'succeeded', fetched: 2000 });
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.text).toMatch(/upstream_retries_total\{upstream="airtable"\} [1-9]/);
  });

  it('restarts the listing when Airtable expires its offset, and gives up when it keeps expiring', async () => {
    sim.faults({ latencyMs: 15 });
    const started = await syncNow(api, 'wait=0&full=true');
    await until(
      () => getRun(api, started.body.id),
      (run) => run.fetched >= 300,
      'progress',
    );
    sim.expireOffsets();
    const finished = await finishedRun(api, started.body.id);
    expect(finished).toMatchObject({ status: 'succeeded', created: 0, updated: 0, deleted: 0 });
    expect(finished.fetched).toBeGreaterThan(2000);
    expect(finished.unchanged).toBe(finished.fetched);

    api.app.get(OrderSyncOptions).maxListingRestarts = 0;
    const again = await syncNow(api, 'wait=0&full=true');
    await until(
      () => getRun(api, again.body.id),
      (run) => run.fetched >= 300,
      'progress',
    );
    sim.expireOffsets();
    const gaveUp = await finishedRun(api, again.body.id);
    sim.clearFaults();
    api.app.get(OrderSyncOptions).maxListingRestarts = 3;
    expect(gaveUp).toMatchObject({ status: 'failed', error: expect.stringContaining('expired') });
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
  });
});

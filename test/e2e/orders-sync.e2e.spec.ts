import { DataSource } from 'typeorm';
import { OrderSyncScheduler } from '../../src/orders/order-sync.scheduler';
import { OrderSyncOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, expectProblem, TestApp, USER_TOKEN } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow, updatedAtByRecordId } from './orders.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForRun(api: TestApp, id: number): Promise<any> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const run = await api.request('GET', `/api/v1/orders/sync/runs/${id}`, { token: ADMIN_TOKEN });
    if (run.body.status !== 'running') return run.body;
    await sleep(25);
  }
  throw new Error(`run ${id} did not finish`);
}

describe('orders sync (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 3000, requestsPerSecond: 0 });
    api = await startOrdersApp(sim);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('imports a few thousand records across many pages, one multi-row upsert per page', async () => {
    const response = await syncNow(api);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      trigger: 'api',
      fullPass: true,
      massDeleteAllowed: false,
      status: 'succeeded',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      modifiedSince: null,
      fetched: 3000,
      created: 3000,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      withheldDeletions: 0,
      skipped: 0,
      incomplete: 0,
    });
    expect(sim.countMatching(/^GET \/v0\//)).toBe(30);
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
  });

  it('changes nothing on a second run: only the overlap window is asked for again, and nothing is rewritten', async () => {
    const before = await updatedAtByRecordId(api);
    const requestsBefore = sim.requestCount();
    const response = await syncNow(api);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'succeeded', fullPass: false, created: 0, updated: 0, deleted: 0, skipped: 0 });
    expect(response.body.unchanged).toBe(response.body.fetched);
    expect(response.body.fetched).toBeLessThan(100);
    expect(new Date(response.body.modifiedSince).getTime()).toBeLessThan(Date.now());
    expect(sim.requestCount() - requestsBefore).toBe(1);
    expect(await updatedAtByRecordId(api)).toEqual(before);
  });

  it('rewrites only the records changed in Airtable since the last run, and adds the new ones', async () => {
    const records = sim.records();
    const before = await updatedAtByRecordId(api);
    const changed = [records[10], records[1500], records[2999]].map((record) => record.id);
    sim.updateRecord(changed[0], { Status: 'Cancelled' });
    sim.updateRecord(changed[1], { Priority: 'High', Total: 12.5 });
    sim.updateRecord(changed[2], { Customer: 'Renamed Customer', 'Order Date': '2024-02-29' });
    const added = sim.insertRecord({
      'Order ID': 'ORD-NEW-1',
      Customer: 'New Customer',
      Status: 'Pending',
      Priority: 'Low',
      Total: 99.99,
      'Order Date': '2025-01-02',
    });

    const response = await syncNow(api);
    expect(response.body).toMatchObject({ status: 'succeeded', fullPass: false, created: 1, updated: 3, deleted: 0 });
    expect(response.body.unchanged).toBe(response.body.fetched - 4);
    const after = await updatedAtByRecordId(api);
    const rewritten = [...after].filter(([id, updatedAt]) => before.get(id) !== updatedAt).map(([id]) => id);
    expect(rewritten.sort()).toEqual([...changed, added.id].sort());
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
  });

  it('detects deletions only in a full pass, on demand (?full=true) or on its cadence', async () => {
    const victims = sim
      .records()
      .slice(100, 103)
      .map((record) => record.id);
    for (const id of victims) sim.deleteRecord(id);

    const incremental = await syncNow(api);
    expect(incremental.body).toMatchObject({ fullPass: false, deleted: 0 });
    expect((await storedOrders(api)).size).toBe(sim.records().length + 3);

    const full = await syncNow(api, 'full=true');
    expect(full.body).toMatchObject({
      status: 'succeeded',
      fullPass: true,
      modifiedSince: null,
      fetched: sim.records().length,
      created: 0,
      updated: 0,
      deleted: 3,
    });
    expect(full.body.unchanged).toBe(sim.records().length);
    expect(await storedOrders(api)).toEqual(expectedTable(sim));

    // The cadence: after N incremental runs the next one is full by itself.
    api.app.get(OrderSyncOptions).fullPassEveryRuns = 2;
    sim.deleteRecord(sim.records()[0].id);
    expect((await syncNow(api)).body).toMatchObject({ fullPass: false, deleted: 0 });
    expect((await syncNow(api)).body).toMatchObject({ fullPass: false, deleted: 0 });
    expect((await syncNow(api)).body).toMatchObject({ fullPass: true, deleted: 1 });
    api.app.get(OrderSyncOptions).fullPassMaxAgeMs = 0;
    expect((await syncNow(api)).body).toMatchObject({ fullPass: true });
    api.app.get(OrderSyncOptions).fullPassMaxAgeMs = 24 * 3_600_000;
    api.app.get(OrderSyncOptions).fullPassEveryRuns = 12;
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
  });

  it('answers 202 with Location when told not to wait, and the run can be followed there', async () => {
    sim.faults({ latencyMs: 20 });
    const response = await syncNow(api, 'wait=0&full=true');
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'running', trigger: 'api', fullPass: true, finishedAt: null });
    expect(response.headers.get('location')).toBe(`/api/v1/orders/sync/runs/${response.body.id}`);

    const midway = await api.request('GET', response.headers.get('location') as string, { token: ADMIN_TOKEN });
    expect(midway.status).toBe(200);
    expect(midway.body.id).toBe(response.body.id);

    const finished = await waitForRun(api, response.body.id);
    sim.clearFaults();
    expect(finished).toMatchObject({ status: 'succeeded', fetched: sim.records().length, finishedAt: expect.any(String) });
  });

  it('answers 202 when the wait runs out before the run ends', async () => {
    sim.faults({ latencyMs: 40 });
    const response = await syncNow(api, 'wait=1&full=true');
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('running');
    expect(response.body.fetched).toBeGreaterThan(0);
    await waitForRun(api, response.body.id);
    sim.clearFaults();
  });

  it('runs one import at a time: a second trigger gets 409 with the running run, the schedule skips', async () => {
    sim.faults({ latencyMs: 15 });
    const [first, second] = await Promise.all([syncNow(api, 'full=true'), sleep(30).then(() => syncNow(api, 'full=true'))]);
    sim.clearFaults();
    expect(first.status).toBe(200);
    expectProblem(second, 409);
    expect(second.body).toMatchObject({ type: expect.stringMatching(/sync-already-running$/), runId: first.body.id });
    expect(second.body.detail).toContain(`run ${first.body.id}`);

    sim.faults({ latencyMs: 15 });
    const running = await syncNow(api, 'wait=0&full=true');
    const scheduled = await api.app.get(OrderSyncScheduler).runScheduled();
    expect(scheduled).toBeUndefined();
    await waitForRun(api, running.body.id);
    sim.clearFaults();
    const runs = await api.request('GET', '/api/v1/orders/sync/runs?pageSize=100', { token: ADMIN_TOKEN });
    expect(runs.body.items.filter((run: { trigger: string }) => run.trigger === 'schedule')).toEqual([]);

    const started = await api.app.get(OrderSyncScheduler).runScheduled();
    expect(started).toBeDefined();
    expect(await started!.done).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
  });

  it('closes a run left marked running by a dead process as failed', async () => {
    const [orphan] = await api.app
      .get(DataSource)
      .query(`INSERT INTO order_sync_runs (trigger, full_pass, status) VALUES ('schedule', false, 'running') RETURNING id`);
    expect((await syncNow(api)).body.status).toBe('succeeded');
    const closed = await api.request('GET', `/api/v1/orders/sync/runs/${orphan.id}`, { token: ADMIN_TOKEN });
    expect(closed.body).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted'), finishedAt: expect.any(String) });
  });

  it('lists runs newest first, paginated, and shows one run', async () => {
    const page1 = await api.request('GET', '/api/v1/orders/sync/runs?page=1&pageSize=2', { token: ADMIN_TOKEN });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({
      page: 1,
      pageSize: 2,
      totalItems: expect.any(Number),
      totalPages: Math.ceil(page1.body.totalItems / 2),
    });
    expect(page1.body.totalItems).toBeGreaterThan(10);
    const page2 = await api.request('GET', '/api/v1/orders/sync/runs?page=2&pageSize=2', { token: ADMIN_TOKEN });
    const ids = [...page1.body.items, ...page2.body.items].map((run: { id: number }) => run.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(4);

    expectProblem(await api.request('GET', '/api/v1/orders/sync/runs/999999', { token: ADMIN_TOKEN }), 404);
    expectProblem(await api.request('GET', '/api/v1/orders/sync/runs/abc', { token: ADMIN_TOKEN }), 400);
    expectProblem(await api.request('GET', '/api/v1/orders/sync/runs?pageSize=101', { token: ADMIN_TOKEN }), 400);
  });

  it('validates the trigger and keeps it to admins', async () => {
    for (const query of ['wait=26', 'wait=-1', 'wait=1.5', 'wait=soon', 'full=maybe', 'fast=true']) {
      expectProblem(await syncNow(api, query), 400);
    }
    expectProblem(await api.request('POST', '/api/v1/orders/sync', { token: USER_TOKEN }), 403);
    expectProblem(await api.request('GET', '/api/v1/orders/sync/runs', { token: USER_TOKEN }), 403);
    expectProblem(await api.request('POST', '/api/v1/orders/sync'), 401);
  });
});

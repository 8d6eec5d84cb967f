import { AirtableClientOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { startTestApp, TestApp } from '../support/test-app';
import { airtableEnv, expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('orders sync under Airtable rate limiting (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 1500, requestsPerSecond: 5, rateLimitPenaltyMs: 1000 });
    api = await startOrdersApp(sim);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('waits out a 429 in the middle of a run and completes, without knocking during the penalty', async () => {
    api.app.get(AirtableClientOptions).rateLimitPauseMs = 1000;
    const started = Date.now();
    const response = await syncNow(api);
    const elapsed = Date.now() - started;
    expect(response.body).toMatchObject({ status: 'succeeded', fetched: 1500, created: 1500 });
    // 15 pages unpaced against 5 per second: refused at the 6th and the 11th request, each followed by one full wait.
    const requests = sim.countMatching(/^GET /);
    expect(requests).toBe(17);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.text).toMatch(/upstream_requests_total\{upstream="airtable",outcome="429"\} 2\b/);
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
  });

  it('keeps under the limit when paced (4 requests per second by default): no 429 at all', async () => {
    expect(new AirtableClientOptions()).toMatchObject({ requestsPerSecond: 4, rateLimitPauseMs: 30_000 });
    await sleep(1100);
    api.app.get(AirtableClientOptions).requestsPerSecond = 4;
    const before = sim.countMatching(/^GET /);
    const started = Date.now();
    const response = await syncNow(api, 'full=true');
    expect(response.body).toMatchObject({ status: 'succeeded', fetched: 1500, unchanged: 1500 });
    expect(sim.countMatching(/^GET /) - before).toBe(15);
    expect(Date.now() - started).toBeGreaterThanOrEqual(14 * 250 - 50);
    api.app.get(AirtableClientOptions).requestsPerSecond = 0;
  });

  it('runs at the limit itself with AIRTABLE_REQUESTS_PER_SECOND=5: every page, no 429', async () => {
    const atLimit = await startTestApp({ ...airtableEnv(sim), AIRTABLE_REQUESTS_PER_SECOND: '5' });
    try {
      await sleep(1100);
      expect(atLimit.app.get(AirtableClientOptions).requestsPerSecond).toBe(5);
      const before = sim.countMatching(/^GET /);
      const started = Date.now();
      const response = await syncNow(atLimit, 'full=true');
      const elapsed = Date.now() - started;
      expect(response.body).toMatchObject({ status: 'succeeded', fetched: 1500 });
      expect(sim.countMatching(/^GET /) - before).toBe(15);
      // Five in the first second, five in the next, five in the third: never six in one second.
      expect(elapsed).toBeGreaterThanOrEqual(2000);
      const metrics = await atLimit.request('GET', '/metrics');
      expect(metrics.text).not.toMatch(/upstream_requests_total\{upstream="airtable",outcome="429"\}/);
    } finally {
      await atLimit.close();
    }
  });

  it('gives up after repeated 429s and records the run as failed', async () => {
    await sleep(1100);
    api.app.get(AirtableClientOptions).rateLimitPauseMs = 20;
    sim.faults({ rateLimitNext: 50, retryAfterSeconds: 30 });
    const response = await syncNow(api, 'full=true');
    sim.clearFaults();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'failed', error: expect.stringContaining('rate limiting'), fetched: 0 });
  });
});

import { AirtableSimulator, startAirtableSimulator } from '../../src/simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

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

  it('imports a few thousand records across many pages', async () => {
    const started = Date.now();
    const response = await syncNow(api);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ trigger: 'api', status: 'succeeded', fullPass: true, fetched: 3000, created: 3000, updated: 0, unchanged: 0, deleted: 0, skipped: 0 });
    expect(sim.countMatching(/^GET \/v0\//)).toBe(30);
    expect(await storedOrders(api)).toEqual(expectedTable(sim));
    console.log(`first import of 3000: ${Date.now() - started} ms`);
  });
});

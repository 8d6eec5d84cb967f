import { Client } from 'pg';
import { OrderSyncScheduler } from '../../src/orders/order-sync.scheduler';
import { OrderSyncService } from '../../src/orders/order-sync.service';
import { startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { startTcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';
import { ADMIN_TOKEN, expectProblem } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function countOrders(client: Client): Promise<number> {
  return (await client.query(`SELECT count(*)::int AS n FROM orders`)).rows[0].n;
}

describe('orders sync when the database goes away mid-run (e2e)', () => {
  it('fails the run, leaves consistent data, and the next run closes it and completes the import', async () => {
    const sim = await startAirtableSimulator({ records: 2000, requestsPerSecond: 0 });
    const database = await createTestDatabase();
    const direct = new URL(database.url);
    const proxy = await startTcpProxy(direct.hostname, Number(direct.port));
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    const api = await startOrdersApp(sim, { DATABASE_URL: proxied.toString() });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      sim.faults({ latencyMs: 15 });
      const { run, done } = await api.app.get(OrderSyncService).start('api');
      for (let attempt = 0; attempt < 300 && (await countOrders(client)) < 500; attempt += 1) await sleep(10);
      proxy.cut();
      const failed = await done;
      expect(failed).toMatchObject({ id: run.id, status: 'failed', error: expect.stringMatching(/^Database error/) });
      expect(failed.error).not.toMatch(/INSERT|SELECT/);
      // The run could not be recorded as failed without its database; its lock went with its connection.
      const [stranded] = (await client.query(`SELECT status FROM order_sync_runs WHERE id = $1`, [run.id])).rows;
      expect(stranded.status).toBe('running');
      const partial = await countOrders(client);
      expect(partial).toBeGreaterThanOrEqual(500);
      expect(partial).toBeLessThan(2000);

      proxy.restore();
      sim.clearFaults();
      const next = await syncNow(api);
      expect(next.status).toBe(200);
      expect(next.body).toMatchObject({ status: 'succeeded', fullPass: true, created: 2000 - partial, unchanged: partial });
      const closed = await api.request('GET', `/api/v1/orders/sync/runs/${run.id}`, { token: ADMIN_TOKEN });
      expect(closed.body).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted') });
      expect(await storedOrders(api)).toEqual(expectedTable(sim));
      const stats = (await client.query(`SELECT sum(orders)::int AS n FROM order_stats`)).rows[0].n;
      expect(stats).toBe(2000);
    } finally {
      await client.end();
      await api.close();
      await proxy.close();
      await database.drop();
      await sim.close();
    }
  });
});

describe('orders sync across replicas (e2e)', () => {
  it('lets one replica run at a time: the other answers 409 with the running run and its schedule skips', async () => {
    const sim = await startAirtableSimulator({ records: 1000, requestsPerSecond: 0 });
    const database = await createTestDatabase();
    const first = await startOrdersApp(sim, { DATABASE_URL: database.url });
    const second = await startOrdersApp(sim, { DATABASE_URL: database.url });
    try {
      sim.faults({ latencyMs: 30 });
      const running = await syncNow(first, 'wait=0');
      expect(running.status).toBe(202);
      const refused = await syncNow(second);
      expectProblem(refused, 409);
      expect(refused.body.runId).toBe(running.body.id);
      expect(await second.app.get(OrderSyncScheduler).runScheduled()).toBeUndefined();

      let run = running.body;
      while (run.status === 'running') {
        await sleep(25);
        run = (await second.request('GET', `/api/v1/orders/sync/runs/${running.body.id}`, { token: ADMIN_TOKEN })).body;
      }
      sim.clearFaults();
      expect(run).toMatchObject({ status: 'succeeded', created: 1000 });
      const after = await syncNow(second);
      expect(after.body).toMatchObject({ status: 'succeeded', fullPass: false, created: 0, updated: 0 });
    } finally {
      await first.close();
      await second.close();
      await database.drop();
      await sim.close();
    }
  });
});

import { SchedulerRegistry } from '@nestjs/schedule';
import { ORDER_SYNC_INTERVAL } from '../../src/orders/order-sync.scheduler';
import { OFF_CONTRACT_STATUS, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, expectProblem, startTestApp } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('orders sync with malformed records (e2e)', () => {
  it('stores what is valid, leaves the rest empty, counts and completes', async () => {
    const sim = await startAirtableSimulator({ records: 200, malformed: true, requestsPerSecond: 0 });
    const api = await startOrdersApp(sim);
    try {
      const response = await syncNow(api);
      expect(response.body).toMatchObject({ status: 'succeeded', fetched: 205, created: 205, skipped: 0, incomplete: 5 });
      const stored = await storedOrders(api);
      const broken = sim.records().filter((record) => {
        const f = record.fields;
        return (
          f.Status === OFF_CONTRACT_STATUS ||
          f['Order Date'] === '31/12/2023' ||
          f.Customer === undefined ||
          f.Total === undefined ||
          (f.Total ?? 0) < 0
        );
      });
      expect(broken).toHaveLength(5);
      for (const record of broken) {
        const order = stored.get(record.id)!;
        const expected = {
          status: record.fields.Status === OFF_CONTRACT_STATUS ? null : record.fields.Status,
          orderDate: record.fields['Order Date'] === '31/12/2023' ? null : record.fields['Order Date'],
          customer: record.fields.Customer ?? null,
          total: record.fields.Total === undefined || record.fields.Total < 0 ? null : record.fields.Total.toFixed(2),
        };
        expect({ id: record.id, status: order.status, orderDate: order.orderDate, customer: order.customer, total: order.total }).toEqual({
          id: record.id,
          ...expected,
        });
      }
      const good = new Map([...expectedTable(sim)].filter(([id]) => !broken.some((record) => record.id === id)));
      for (const [id, order] of good) expect(stored.get(id)).toEqual(order);
    } finally {
      await api.close();
      await sim.close();
    }
  });
});

describe('orders sync triggers and configuration (e2e)', () => {
  it('imports once at startup in the background and schedules the interval', async () => {
    const sim = await startAirtableSimulator({ records: 150, requestsPerSecond: 0 });
    const api = await startOrdersApp(sim, { SYNC_ON_STARTUP: 'true', SYNC_INTERVAL_MINUTES: '60' });
    try {
      expect(api.app.get(SchedulerRegistry).getInterval(ORDER_SYNC_INTERVAL)).toBeDefined();
      let runs: any;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        runs = await api.request('GET', '/api/v1/orders/sync/runs', { token: ADMIN_TOKEN });
        if (runs.body.items[0]?.status === 'succeeded') break;
        await sleep(25);
      }
      expect(runs.body.items).toEqual([expect.objectContaining({ trigger: 'startup', status: 'succeeded', created: 150 })]);
    } finally {
      await api.close();
      await sim.close();
    }
  });

  it('answers 503 for sync and edits when Airtable is not configured; listing still works', async () => {
    const api = await startTestApp({ SYNC_ON_STARTUP: 'true', SYNC_INTERVAL_MINUTES: '5' });
    try {
      const sync = await syncNow(api);
      expectProblem(sync, 503);
      expect(sync.body).toMatchObject({ type: expect.stringMatching(/airtable-not-configured$/) });
      expect(sync.body.detail).toContain('AIRTABLE_TOKEN');
      const edit = await api.request('PATCH', '/api/v1/orders/recAAAAAAAAAAAAAA', { token: ADMIN_TOKEN, body: { status: 'Sent' } });
      expectProblem(edit, 503);
      const list = await api.request('GET', '/api/v1/orders', { token: ADMIN_TOKEN });
      expect(list.body).toEqual({ items: [], page: 1, pageSize: 20, totalItems: 0, totalPages: 0 });
      expect(() => api.app.get(SchedulerRegistry).getInterval(ORDER_SYNC_INTERVAL)).toThrow();
    } finally {
      await api.close();
    }
  });
});

import { DataSource } from 'typeorm';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, expectProblem, TestApp } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

/** What a full pass may not do to the orders: fail a page on one bad value, or delete a large share in one run. */
describe('orders sync data safety (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 250, requestsPerSecond: 0 });
    api = await startOrdersApp(sim);
    expect((await syncNow(api, 'full=true')).body).toMatchObject({ status: 'succeeded', created: 250 });
  });
  /** The simulator's table as the orders should hold it: U+0000 removed from every text. */
  const expectedWithoutNul = () =>
    new Map(
      [...expectedTable(sim)].map(([id, order]) => [
        id,
        { ...order, orderId: order.orderId?.replaceAll('\u0000', '') ?? null, customer: order.customer?.replaceAll('\u0000', '') ?? null },
      ]),
    );

  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('stores a record whose text holds U+0000 with the character removed, counted incomplete, and the rest of its page', async () => {
    const [first, second] = sim.records();
    sim.updateRecord(first.id, { Customer: 'Null\u0000 Byte Ltd' });
    sim.updateRecord(second.id, { 'Order ID': 'ORD-\u0000-7' });
    const added = sim.insertRecord({
      'Order ID': 'ORD-NUL-NEW',
      Customer: 'Fresh\u0000 Customer',
      Status: 'Pending',
      Priority: 'Low',
      Total: 5,
      'Order Date': '2025-01-02',
    });

    const run = await syncNow(api);

    expect(run.body).toMatchObject({ status: 'succeeded', created: 1, updated: 2, incomplete: 3, skipped: 0 });
    const stored = await storedOrders(api);
    expect(stored.get(first.id)?.customer).toBe('Null Byte Ltd');
    expect(stored.get(second.id)?.orderId).toBe('ORD--7');
    expect(stored.get(added.id)?.customer).toBe('Fresh Customer');
    // The next run (its overlap window lists them again) finds them unchanged.
    expect((await syncNow(api)).body).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
  });

  it('withholds the deletions of a full pass that would remove more than SYNC_MAX_DELETE_RATIO of the orders, and records it on the run', async () => {
    const local = (await storedOrders(api)).size;
    const gone = sim.records().slice(10, 10 + Math.floor(local * 0.1) + 1);
    for (const record of gone) sim.deleteRecord(record.id);

    const braked = await syncNow(api, 'full=true');

    expect(braked.body).toMatchObject({
      status: 'succeeded',
      fullPass: true,
      massDeleteAllowed: false,
      deleted: 0,
      withheldDeletions: gone.length,
    });
    expect((await storedOrders(api)).size).toBe(local);
    const [recorded] = await api.app
      .get(DataSource)
      .query(`SELECT withheld_deletions, mass_delete_allowed FROM order_sync_runs WHERE id = $1`, [braked.body.id]);
    expect(recorded).toEqual({ withheld_deletions: gone.length, mass_delete_allowed: false });
    const listed = await api.request('GET', '/api/v1/orders/sync/runs?pageSize=1', { token: ADMIN_TOKEN });
    expect(listed.body.items[0]).toMatchObject({ id: braked.body.id, withheldDeletions: gone.length });

    const allowed = await syncNow(api, 'full=true&allowMassDelete=true');

    expect(allowed.body).toMatchObject({
      status: 'succeeded',
      fullPass: true,
      massDeleteAllowed: true,
      deleted: gone.length,
      withheldDeletions: 0,
    });
    expect(await storedOrders(api)).toEqual(expectedWithoutNul());
  });

  it('deletes within the share without asking', async () => {
    const victim = sim.records()[20];
    sim.deleteRecord(victim.id);

    const run = await syncNow(api, 'full=true');

    expect(run.body).toMatchObject({ status: 'succeeded', deleted: 1, withheldDeletions: 0 });
    expect(await storedOrders(api)).toEqual(expectedWithoutNul());
  });

  it('refuses allowMassDelete without full=true, and a malformed one, starting no run', async () => {
    const before = await api.app.get(DataSource).query(`SELECT count(*)::int AS runs FROM order_sync_runs`);
    for (const query of ['allowMassDelete=true', 'full=true&allowMassDelete=yes']) {
      const refused = await syncNow(api, query);
      expectProblem(refused, 400);
    }
    expect(await api.app.get(DataSource).query(`SELECT count(*)::int AS runs FROM order_sync_runs`)).toEqual(before);
  });
});

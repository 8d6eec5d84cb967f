import { DataSource } from 'typeorm';
import { ORDER_PRIORITIES, ORDER_STATUSES } from '../../src/orders/order.types';
import { OrderListOptions } from '../../src/orders/orders.options';
import { AirtableOrderFields, AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';
import { startOrdersApp, syncNow } from './orders.fixtures';

/**
 * Deep pages sorted by order date start at the day the per-day counts point to (dayAlignedPageIds). Here that
 * path is taken from the first page on, and every page must be the one the plain offset query gives.
 */
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 2, 1);
const ORDERS = 640;

/** Days with very different numbers of orders (and days without any), undated orders spread through the table. */
function orderFields(i: number): AirtableOrderFields {
  const day = new Date(FIRST_DAY + ((i * i) % 37) * 2 * DAY_MS).toISOString().slice(0, 10);
  return {
    'Order ID': `ORD-${String(i).padStart(4, '0')}`,
    Customer: `Customer ${i % 17}`,
    Status: i % 41 === 3 ? undefined : ORDER_STATUSES[(i * 3) % 5],
    Priority: ORDER_PRIORITIES[i % 3],
    Total: (i * 37) % 900,
    'Order Date': i % 29 === 4 ? undefined : day,
  };
}

describe('orders list: pages sorted by order date found through the per-day counts (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;
  let listOptions: OrderListOptions;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 0, requestsPerSecond: 0 });
    for (let i = 0; i < ORDERS; i += 1) sim.insertRecord(orderFields(i));
    // Hundreds of pages are read here: the rate limit is not the point.
    api = await startOrdersApp(sim, { RATE_LIMIT_PER_MINUTE: '1000000' });
    listOptions = api.app.get(OrderListOptions);
    expect((await syncNow(api)).body).toMatchObject({ status: 'succeeded', created: ORDERS });
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  const ids = async (query: string, seek: boolean): Promise<string[]> => {
    listOptions.seekFromOffset = seek ? 0 : Number.POSITIVE_INFINITY;
    const response = await api.request('GET', `/api/v1/orders?${query}`, { token: ADMIN_TOKEN });
    expect(response.status).toBe(200);
    return response.body.items.map((item: { recordId: string }) => item.recordId);
  };
  /** Every page, and one past the end. */
  const allPages = async (query: string, pageSize: number, seek: boolean): Promise<string[][]> => {
    const pages: string[][] = [];
    for (let page = 1; ; page += 1) {
      pages.push(await ids(`${query}&page=${page}&pageSize=${pageSize}`, seek));
      if (pages[pages.length - 1].length === 0) return pages;
    }
  };

  const CASES = [
    '',
    'status=Delivered',
    'status=Sent&priority=High',
    // Inclusive bounds on days that hold orders.
    'startDate=2025-03-09&endDate=2025-04-04',
    'endDate=2025-03-21',
    'priority=Low&startDate=2025-03-15',
    'status=Pending&startDate=2025-01-01&endDate=2025-01-31',
  ];
  const PAGE_SIZES = [7, 50];

  it.each(['-orderDate', 'orderDate'].flatMap((sort) => CASES.flatMap((filters) => PAGE_SIZES.map((size) => [sort, filters, size]))))(
    'sort=%s, %j, %i a page: every page as the plain offset query gives it',
    async (sort, filters, pageSize) => {
      const query = `sort=${sort}${filters ? `&${filters}` : ''}`;
      const sought = await allPages(query, Number(pageSize), true);
      expect(sought).toEqual(await allPages(query, Number(pageSize), false));
    },
  );

  it('walks pages that cross days and reach the undated orders, at both ends', async () => {
    const stored: { record_id: string; order_date: string | null }[] = await api.app
      .get(DataSource)
      .query(`SELECT record_id, order_date::text AS order_date FROM orders`);
    const dateOf = new Map(stored.map((row) => [row.record_id, row.order_date]));
    const undated = stored.filter((row) => row.order_date === null).length;
    expect(undated).toBeGreaterThan(7);

    const newestFirst = (await allPages('sort=-orderDate', 7, true)).flat();
    expect(newestFirst).toHaveLength(ORDERS);
    expect(newestFirst.slice(-undated).every((id) => dateOf.get(id) === null)).toBe(true);
    const oldestFirst = (await allPages('sort=orderDate', 7, true)).flat();
    expect(oldestFirst.slice(0, undated).every((id) => dateOf.get(id) === null)).toBe(true);
    expect(oldestFirst).toEqual([...newestFirst].reverse());
    // The page size is prime to the days' sizes, so pages start inside days, not only at their boundaries.
    const startsInsideADay = newestFirst.filter(
      (id, index) => index % 7 === 0 && index > 0 && dateOf.get(id) === dateOf.get(newestFirst[index - 1]),
    );
    expect(startsInsideADay.length).toBeGreaterThan(10);
  });

  it('answers a page past the end, or a filter matching nothing, with no items and the right totals', async () => {
    listOptions.seekFromOffset = 0;
    const past = await api.request('GET', `/api/v1/orders?page=200&pageSize=7`, { token: ADMIN_TOKEN });
    expect(past.body).toEqual({ items: [], page: 200, pageSize: 7, totalItems: ORDERS, totalPages: Math.ceil(ORDERS / 7) });
    const none = await api.request('GET', `/api/v1/orders?startDate=2030-01-01&page=3`, { token: ADMIN_TOKEN });
    expect(none.body).toEqual({ items: [], page: 3, pageSize: 20, totalItems: 0, totalPages: 0 });
  });

  it('reads the counts and the rows in one snapshot: a page read while orders move between days is the page of one committed state', async () => {
    const db = api.app.get(DataSource);
    // A block of the newest day's orders, moved back and forth to an older day: every day between shifts in the list.
    const [{ day: newest }] = await db.query(`SELECT max(order_date)::text AS day FROM orders`);
    const moved: string[] = (await db.query(`SELECT record_id FROM orders WHERE order_date = $1 ORDER BY record_id LIMIT 6`, [newest])).map(
      (row: { record_id: string }) => row.record_id,
    );
    const older = '2025-03-03';
    const moveTo = (day: string) => db.query(`UPDATE orders SET order_date = $1 WHERE record_id = ANY($2)`, [day, moved]);
    const query = 'sort=-orderDate&page=30&pageSize=13';

    const atNewest = await ids(query, false);
    await moveTo(older);
    const atOlder = await ids(query, false);
    expect(atOlder).not.toEqual(atNewest);
    expect(await ids(query, true)).toEqual(atOlder);

    // An uncommitted move is in neither the counts nor the rows another statement sees.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`UPDATE orders SET order_date = $1 WHERE record_id = ANY($2)`, [newest, moved]);
      expect(await ids(query, true)).toEqual(atOlder);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await ids(query, true)).toEqual(atNewest);

    // Moves committed while pages are read: each page is one of the two, never a mix shifted by the block.
    let moving = true;
    const mover = (async () => {
      for (let round = 0; moving && round < 400; round += 1) await moveTo(round % 2 ? newest : older);
    })();
    const seen: string[][] = [];
    try {
      for (let read = 0; read < 60; read += 1) seen.push(await ids(query, true));
    } finally {
      moving = false;
      await mover;
    }
    for (const page of seen) expect([atNewest, atOlder]).toContainEqual(page);
  });
});

import { ORDER_PRIORITIES, ORDER_SORTS, ORDER_STATUSES } from '../../src/orders/order.types';
import {
  AirtableOrderFields,
  AirtableSimulator,
  SimulatedRecord,
  startAirtableSimulator,
} from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, expectProblem, TestApp, USER_TOKEN } from '../support/test-app';
import { startOrdersApp, syncNow } from './orders.fixtures';

/**
 * A table made for the checks: ties on every sort key, empty cells in every
 * column, customer names with LIKE wildcards in them. Names are built so that
 * byte order and linguistic order agree, whatever the server's locale.
 */
const CUSTOMERS = ['Alpha Retail', 'Bravo 50% Off', 'Charlie_Shop', 'Delta Lower', 'Echo Systems'];
const DAY_MS = 86_400_000;

function makeOrderFields(i: number): AirtableOrderFields {
  const day = new Date(Date.UTC(2025, 0, 1) + (i % 40) * DAY_MS).toISOString().slice(0, 10);
  return {
    'Order ID': `ORD-${String(i).padStart(4, '0')}`,
    Customer: i % 80 === 9 ? undefined : `${CUSTOMERS[i % 5]} ${String(i % 23).padStart(3, '0')}`,
    Status: i % 50 === 7 ? undefined : ORDER_STATUSES[i % 5],
    Priority: i % 60 === 11 ? undefined : ORDER_PRIORITIES[(i * 7) % 3],
    Total: i % 45 === 3 ? undefined : ((i * 7919) % 20000) / 100,
    'Order Date': i % 70 === 5 ? undefined : day,
  };
}

interface Row {
  recordId: string;
  customer: string | null;
  status: string | null;
  priority: string | null;
  totalCents: number | null;
  orderDate: string | null;
  orderId: string | null;
}

const rowOf = (record: SimulatedRecord): Row => ({
  recordId: record.id,
  customer: record.fields.Customer ?? null,
  status: record.fields.Status ?? null,
  priority: record.fields.Priority ?? null,
  totalCents: record.fields.Total === undefined ? null : Math.round(record.fields.Total * 100),
  orderDate: record.fields['Order Date'] ?? null,
  orderId: record.fields['Order ID'] ?? null,
});

interface Filters {
  status?: string;
  priority?: string;
  customer?: string;
  startDate?: string;
  endDate?: string;
}

function matching(rows: Row[], filters: Filters): Row[] {
  return rows.filter(
    (row) =>
      (!filters.status || row.status === filters.status) &&
      (!filters.priority || row.priority === filters.priority) &&
      (!filters.customer || (row.customer ?? '').toLowerCase().includes(filters.customer.toLowerCase())) &&
      (!filters.startDate || (row.orderDate !== null && row.orderDate >= filters.startDate)) &&
      (!filters.endDate || (row.orderDate !== null && row.orderDate <= filters.endDate)),
  );
}

const SORT_KEYS: Record<string, (row: Row) => string | number | null> = {
  orderDate: (row) => row.orderDate,
  total: (row) => row.totalCents,
  customer: (row) => row.customer,
  orderId: (row) => row.orderId,
};

/** Empty values count as the smallest; ties go by record id. */
function sorted(rows: Row[], sort: string): Row[] {
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[descending ? sort.slice(1) : sort];
  const ascending = (a: Row, b: Row) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) {
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
  };
  return [...rows].sort((a, b) => (descending ? -ascending(a, b) : ascending(a, b)));
}

function expectedSummary(rows: Row[]) {
  const bucket = (subset: Row[]) => ({ count: subset.length, total: subset.reduce((sum, row) => sum + (row.totalCents ?? 0), 0) / 100 });
  const byValue = <K extends 'status' | 'priority'>(key: K, values: readonly string[]) => {
    const known = values.map((value) => ({ [key]: value, ...bucket(rows.filter((row) => row[key] === value)) }));
    const empty = rows.filter((row) => row[key] === null);
    return empty.length ? [...known, { [key]: null, ...bucket(empty) }] : known;
  };
  const days = [...new Set(rows.map((row) => row.orderDate).filter((day): day is string => day !== null))].sort();
  return {
    ...bucket(rows),
    byStatus: byValue('status', ORDER_STATUSES),
    byPriority: byValue('priority', ORDER_PRIORITIES),
    byDay: days.map((date) => ({ date, ...bucket(rows.filter((row) => row.orderDate === date)) })),
  };
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
}

describe('orders listing and summary (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;
  let rows: Row[];

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 0, requestsPerSecond: 0 });
    for (let i = 0; i < 300; i += 1) sim.insertRecord(makeOrderFields(i));
    rows = sim.records().map(rowOf);
    api = await startOrdersApp(sim);
    expect((await syncNow(api)).body).toMatchObject({ status: 'succeeded', created: 300 });
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  const list = (params: object, token = ADMIN_TOKEN) => api.request('GET', `/api/v1/orders?${query(params)}`, { token });

  it('lists newest first by default, 20 a page, with the whole order shape', async () => {
    const response = await list({});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalItems: 300, totalPages: 15 });
    expect(response.body.items.map((item: { recordId: string }) => item.recordId)).toEqual(
      sorted(rows, '-orderDate')
        .slice(0, 20)
        .map((row) => row.recordId),
    );
    const record = sim.records().find((candidate) => candidate.id === response.body.items[0].recordId)!;
    expect(response.body.items[0]).toEqual({
      recordId: record.id,
      orderId: record.fields['Order ID'],
      customer: record.fields.Customer ?? null,
      status: record.fields.Status ?? null,
      priority: record.fields.Priority ?? null,
      total: record.fields.Total ?? null,
      orderDate: record.fields['Order Date'],
      airtableModifiedAt: record.fields['Last Modified'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it.each(ORDER_SORTS)('walks every page sorted by %s: no gap, no repeat, empty values at the small end', async (sort) => {
    const seen: string[] = [];
    const pageSize = 37;
    for (let page = 1; page <= 9; page += 1) {
      const response = await list({ sort, page, pageSize });
      expect(response.body).toMatchObject({ page, pageSize, totalItems: 300, totalPages: 9 });
      seen.push(...response.body.items.map((item: { recordId: string }) => item.recordId));
    }
    expect(seen).toEqual(sorted(rows, sort).map((row) => row.recordId));
  });

  const FILTER_CASES: Filters[] = [
    { status: 'Delivered' },
    { priority: 'High' },
    { customer: 'alpha' },
    { customer: 'E' },
    { customer: 'ECHO SYSTEMS 01' },
    { customer: '50%' },
    { customer: '%' },
    { customer: 'e_s' },
    { customer: '_' },
    { customer: 'nobody at all' },
    { startDate: '2025-01-10' },
    { endDate: '2025-01-05' },
    { startDate: '2025-01-07', endDate: '2025-01-07' },
    { startDate: '2025-01-03', endDate: '2025-01-20', status: 'Sent', priority: 'Low' },
    { customer: 'bravo', status: 'Pending', startDate: '2025-01-15' },
  ];

  it.each(FILTER_CASES)('filters the list and the summary alike: %j', async (filters) => {
    const expected = sorted(matching(rows, filters), 'total');
    const response = await list({ ...filters, sort: 'total', pageSize: 100 });
    expect(response.status).toBe(200);
    expect(response.body.totalItems).toBe(expected.length);
    expect(response.body.totalPages).toBe(Math.ceil(expected.length / 100));
    expect(response.body.items.map((item: { recordId: string }) => item.recordId)).toEqual(
      expected.slice(0, 100).map((row) => row.recordId),
    );

    const summary = await api.request('GET', `/api/v1/orders/summary?${query({ ...filters })}`, { token: ADMIN_TOKEN });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual(expectedSummary(matching(rows, filters)));
  });

  it('summarises the whole table against a computation of its own from the Airtable data', async () => {
    const summary = await api.request('GET', '/api/v1/orders/summary', { token: ADMIN_TOKEN });
    const expected = expectedSummary(rows);
    expect(summary.body).toEqual(expected);
    expect(summary.body.byStatus.some((bucket: { status: string | null }) => bucket.status === null)).toBe(true);
    expect(summary.body.byDay.reduce((sum: number, day: { count: number }) => sum + day.count, 0)).toBe(
      rows.filter((row) => row.orderDate).length,
    );
  });

  it('answers a page past the end with no items and the right totals', async () => {
    expect((await list({ page: 16 })).body).toEqual({ items: [], page: 16, pageSize: 20, totalItems: 300, totalPages: 15 });
    expect((await list({ pageSize: 100, page: 3 })).body.items).toHaveLength(100);
    expect((await list({ pageSize: 1 })).body).toMatchObject({ totalPages: 300 });
    expect((await list({ customer: 'nobody at all' })).body).toEqual({ items: [], page: 1, pageSize: 20, totalItems: 0, totalPages: 0 });
  });

  it.each([
    { status: 'Shipped' },
    { status: 'delivered' },
    { priority: 'Urgent' },
    { sort: 'price' },
    { sort: '+total' },
    { sort: '--total' },
    { page: 0 },
    { page: 'two' },
    { pageSize: 0 },
    { pageSize: 101 },
    { startDate: '2025-13-01' },
    { startDate: '2025-02-30' },
    { endDate: '20250101' },
    { endDate: '2025-1-1' },
    { startDate: '2025-02-01', endDate: '2025-01-31' },
    { customer: '   ' },
    { customer: 'x'.repeat(101) },
    { colour: 'red' },
  ])('refuses %j with 400 (list and summary)', async (params) => {
    const response = await list(params);
    expectProblem(response, 400);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    if (!('page' in params) && !('pageSize' in params) && !('sort' in params)) {
      expectProblem(await api.request('GET', `/api/v1/orders/summary?${query(params)}`, { token: ADMIN_TOKEN }), 400);
    }
  });

  it('shows one order by record id: 404 when unknown, 400 when not a record id', async () => {
    const record = sim.records()[42];
    const one = await api.request('GET', `/api/v1/orders/${record.id}`, { token: ADMIN_TOKEN });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ recordId: record.id, orderId: record.fields['Order ID'] });
    const unknown = await api.request('GET', '/api/v1/orders/recZZZZZZZZZZZZZZ', { token: ADMIN_TOKEN });
    expectProblem(unknown, 404);
    expectProblem(await api.request('GET', '/api/v1/orders/not-a-record', { token: ADMIN_TOKEN }), 400);
  });

  it('needs a token for every orders route', async () => {
    for (const path of ['/api/v1/orders', '/api/v1/orders/summary', `/api/v1/orders/${sim.records()[0].id}`]) {
      expectProblem(await api.request('GET', path), 401);
    }
    expect((await list({}, ADMIN_TOKEN)).status).toBe(200);
  });

  it('lets only an ADMIN read orders: a USER gets 403 on the list, the summary and one order', async () => {
    for (const path of ['/api/v1/orders', '/api/v1/orders/summary', `/api/v1/orders/${sim.records()[0].id}`]) {
      expectProblem(await api.request('GET', path, { token: USER_TOKEN }), 403);
    }
  });
});

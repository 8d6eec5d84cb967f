import Airtable from 'airtable';
import {
  AirtableSimulator,
  AirtableSimulatorOptions,
  OFF_CONTRACT_STATUS,
  ORDER_STATUSES,
  SimulatedRecord,
  startAirtableSimulator,
} from '../../simulators/airtable/airtable-simulator';

const START = new Date('2025-03-01T12:00:00.000Z');
const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

let sim: AirtableSimulator;
let now: Date;

async function start(options: AirtableSimulatorOptions = {}): Promise<AirtableSimulator> {
  now = START;
  sim = await startAirtableSimulator({ requestsPerSecond: 0, clock: () => now, ...options });
  return sim;
}

afterEach(async () => {
  jest.restoreAllMocks();
  await sim?.close();
});

/** The real client, configured the way the service will configure it. */
function client(options: { apiKey?: string; noRetryIfRateLimited?: boolean; requestTimeout?: number } = {}) {
  const airtable = new Airtable({
    apiKey: options.apiKey ?? sim.token,
    endpointUrl: sim.endpointUrl,
    noRetryIfRateLimited: options.noRetryIfRateLimited ?? true,
    requestTimeout: options.requestTimeout,
  });
  return airtable.base(sim.baseId)(sim.tableId);
}

function api(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = sim.token, ...rest } = init;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${sim.endpointUrl}/v0/${path}`, { ...rest, headers });
}

/** The parts of Airtable's JSON answers these tests look at. */
interface ApiBody {
  records: { id: string; createdTime: string; fields: Record<string, string | number> }[];
  offset?: string;
  error: { type: string; message: string };
  errors: { error: string; message: string }[];
}
const json = (response: Response) => response.json() as Promise<ApiBody>;

const table = (suffix = '') => `${sim.baseId}/${sim.tableId}${suffix}`;
const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('authentication and addressing', () => {
  it('refuses a missing or wrong token with 401 AUTHENTICATION_REQUIRED', async () => {
    await start();
    const missing = await api(table(), { token: null });
    expect(missing.status).toBe(401);
    expect(await json(missing)).toEqual({ error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } });
    expect((await api(table(), { token: 'patWrong' })).status).toBe(401);
    await expect(client({ apiKey: 'patWrong' }).select().firstPage()).rejects.toMatchObject({
      error: 'AUTHENTICATION_REQUIRED',
      statusCode: 401,
    });
  });

  it('answers 404 for an unknown base or table and serves the table by id or by name', async () => {
    await start({ records: 3 });
    const unknownBase = await api(`appNoSuchBase00000/${sim.tableId}`);
    expect(unknownBase.status).toBe(404);
    expect(await json(unknownBase)).toEqual({ error: 'NOT_FOUND' });
    const unknownTable = await api(`${sim.baseId}/Customers`);
    expect(unknownTable.status).toBe(404);
    expect((await json(unknownTable)).error.type).toBe('TABLE_NOT_FOUND');
    const byName = await new Airtable({ apiKey: sim.token, endpointUrl: sim.endpointUrl }).base(sim.baseId)('Orders').select().all();
    expect(ids(byName)).toEqual(ids(sim.records()));
  });
});

describe('listing records', () => {
  it('pages through every record exactly once, in creation order, with the client eachPage', async () => {
    await start({ records: 250 });
    const pages: string[][] = [];
    await client()
      .select({ pageSize: 40 })
      .eachPage((records, fetchNextPage) => {
        pages.push(ids(records));
        fetchNextPage();
      });
    expect(pages.map((page) => page.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(pages.flat()).toEqual(ids(sim.records()));
    expect(new Set(pages.flat()).size).toBe(250);
    expect(sim.countMatching(/^GET \/v0\//)).toBe(7);
  });

  it('returns realistic orders and leaves empty cells out of fields', async () => {
    await start({ records: 120 });
    const [first] = sim.records();
    sim.updateRecord(first.id, { Customer: undefined });
    const records = await client().select().all();
    expect(records).toHaveLength(120);
    expect(sim.countMatching(/^GET \/v0\//)).toBe(2);
    expect(records[0].fields).not.toHaveProperty('Customer');
    for (const record of records.slice(1)) {
      expect(record.id).toMatch(RECORD_ID);
      expect(record._rawJson.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      const fields = record.fields;
      expect(fields['Order ID']).toMatch(/^ORD-\d{6}$/);
      expect(fields.Customer).toMatch(/^\S+ \S+/);
      expect(ORDER_STATUSES).toContain(fields.Status);
      expect(['Low', 'Medium', 'High']).toContain(fields.Priority);
      expect(Number((fields.Total as number).toFixed(2))).toBe(fields.Total);
      expect(fields.Total).toBeGreaterThan(0);
      const orderDate = Date.parse(`${fields['Order Date']}T00:00:00Z`);
      expect(orderDate).toBeGreaterThan(START.getTime() - 731 * 86_400_000);
      expect(orderDate).toBeLessThanOrEqual(START.getTime());
      expect(fields['Last Modified']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('projects fields[], sorts (selects by option order) and stops at maxRecords', async () => {
    await start({ records: 60 });
    const byTotal = await client()
      .select({ fields: ['Order ID', 'Total'], sort: [{ field: 'Total', direction: 'desc' }], maxRecords: 15, pageSize: 10 })
      .all();
    expect(byTotal).toHaveLength(15);
    expect(sim.countMatching(/^GET \/v0\//)).toBe(2);
    for (const record of byTotal) expect(Object.keys(record.fields).sort()).toEqual(['Order ID', 'Total']);
    const totals = byTotal.map((record) => record.fields.Total as number);
    const expectedTotals = sim
      .records()
      .map((record) => record.fields.Total as number)
      .sort((a, b) => b - a)
      .slice(0, 15);
    expect(totals).toEqual(expectedTotals);

    const byStatus = await client()
      .select({ sort: [{ field: 'Status' }, { field: 'Order ID', direction: 'desc' }] })
      .all();
    const ranks = byStatus.map((record) => ORDER_STATUSES.indexOf(record.fields.Status as (typeof ORDER_STATUSES)[number]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBeGreaterThan(1);
  });

  it('refuses an expired, forgotten or made-up offset with 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE', async () => {
    await start({ records: 30, offsetTtlMs: 60 });
    const first = await json(await api(table('?pageSize=10')));
    expect(first.offset).toMatch(/^itr[A-Za-z0-9]{14}\/rec[A-Za-z0-9]{14}$/);
    const second = await api(table(`?pageSize=10&offset=${encodeURIComponent(first.offset ?? '')}`));
    expect(second.status).toBe(200);
    const secondBody = await json(second);

    await sleep(90);
    const expired = await api(table(`?pageSize=10&offset=${encodeURIComponent(secondBody.offset ?? '')}`));
    expect(expired.status).toBe(422);
    expect((await json(expired)).error.type).toBe('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
    const madeUp = await api(table('?offset=itrAAAAAAAAAAAAAA/recAAAAAAAAAAAAAA'));
    expect(madeUp.status).toBe(422);

    const pages: number[] = [];
    const listing = client()
      .select({ pageSize: 10 })
      .eachPage((records, fetchNextPage) => {
        pages.push(records.length);
        sim.expireOffsets();
        fetchNextPage();
      });
    await expect(listing).rejects.toMatchObject({ error: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', statusCode: 422 });
    expect(pages).toEqual([10]);
  });

  it('answers the same through POST listRecords, which the client uses for long formulas', async () => {
    await start({ records: 40 });
    const query = {
      pageSize: 7,
      sort: [{ field: 'Order Date', direction: 'desc' }],
      fields: ['Order ID'],
      filterByFormula: "{Priority}!='Low'",
    };
    const viaPost = await json(await api(table('/listRecords'), { method: 'POST', body: JSON.stringify(query) }));
    const viaGet = await json(
      await api(
        table(
          `?pageSize=7&sort%5B0%5D%5Bfield%5D=Order+Date&sort%5B0%5D%5Bdirection%5D=desc&fields%5B%5D=Order+ID&filterByFormula=${encodeURIComponent(query.filterByFormula)}`,
        ),
      ),
    );
    expect(viaPost.records).toHaveLength(7);
    expect(viaPost.records).toEqual(viaGet.records);
    const nextPage = await api(table('/listRecords'), { method: 'POST', body: JSON.stringify({ ...query, offset: viaPost.offset }) });
    expect((await json(nextPage)).records[0].id).not.toBe(viaPost.records[0].id);

    const wanted = sim.records().filter((_, index) => index % 2 === 0);
    const longFormula = `OR(${wanted.map((record) => `RECORD_ID()='${record.id}'`).join(',')}, ${"''".padEnd(15_000, ' ')})`;
    const found = await client().select({ filterByFormula: longFormula }).all();
    expect(ids(found)).toEqual(ids(wanted));
    expect(sim.countMatching(/^POST .*\/listRecords$/)).toBe(3);
  });

  it('refuses a list URL over 16,000 characters with 414', async () => {
    await start({ records: 5 });
    const urlOfLength = (length: number) =>
      table(`?filterByFormula=TRUE()${'+'.repeat(length - table().length - '/v0/?filterByFormula=TRUE()'.length)}`);
    expect((await api(urlOfLength(16_000))).status).toBe(200);
    for (const length of [16_001, 40_000]) {
      const response = await api(urlOfLength(length));
      expect(response.status).toBe(414);
      expect((await json(response)).error.type).toBe('URL_TOO_LONG');
    }
  });

  it('renders cellFormat=string only with a time zone and a locale', async () => {
    await start({ records: 2 });
    const refused = await api(table('?cellFormat=string'));
    expect(refused.status).toBe(422);
    const body = await json(await api(table('?cellFormat=string&timeZone=Europe%2FMadrid&userLocale=en-us')));
    expect(typeof body.records[0].fields.Total).toBe('string');
    expect(body.records[0].fields['Order Date']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
  });
});

describe('filterByFormula', () => {
  const select = (filterByFormula: string) => client().select({ filterByFormula }).all();

  it('finds exactly the records modified after a watermark', async () => {
    await start({ records: 80 });
    const watermark = START.toISOString();
    expect(await select(`IS_AFTER({Last Modified}, '${watermark}')`)).toEqual([]);

    now = new Date('2025-03-02T08:30:00.250Z');
    const touched = [sim.records()[3], sim.records()[41], sim.records()[77]];
    for (const record of touched) sim.updateRecord(record.id, { Priority: 'High' });

    expect(ids(await select(`IS_AFTER({Last Modified}, '${watermark}')`))).toEqual(ids(touched));
    expect(ids(await select(`IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('${watermark}'))`))).toEqual(ids(touched));
    expect(ids(await select(`{Last Modified} > '${watermark}'`))).toEqual(ids(touched));
    expect(ids(await select(`IS_SAME({Last Modified}, '2025-03-02', 'day')`))).toEqual(ids(touched));
    expect(await select(`IS_AFTER({Last Modified}, '2025-03-02T08:30:00.250Z')`)).toEqual([]);
    expect(await select(`IS_BEFORE({Last Modified}, DATEADD('${watermark}', -800, 'days'))`)).toEqual([]);
  });

  it('evaluates comparisons, logic and record functions like Airtable', async () => {
    await start({ records: 150, malformed: true });
    const records = sim.records();
    const expectIds = async (formula: string, keep: (record: SimulatedRecord) => boolean) => {
      const expected = ids(records.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await select(formula))).toEqual(expected);
    };

    await expectIds(
      "AND(OR({Status}='Sent', {Status}='Delivered'), {Total} >= 500, NOT({Priority}='Low'))",
      ({ fields }) =>
        (fields.Status === 'Sent' || fields.Status === 'Delivered') && (fields.Total ?? 0) >= 500 && fields.Priority !== 'Low',
    );
    await expectIds(
      "IS_BEFORE({Order Date}, '2024-01-01')",
      ({ fields }) => (fields['Order Date'] ?? '9') < '2024-01-01' && !fields['Order Date']?.includes('/'),
    );
    await expectIds("IS_SAME({Order Date}, '2024-06-15', 'month')", ({ fields }) => fields['Order Date']?.startsWith('2024-06') ?? false);
    await expectIds(`RECORD_ID() = '${records[9].id}'`, (record) => record.id === records[9].id);
    await expectIds('{Customer} = BLANK()', ({ fields }) => fields.Customer === undefined);
    await expectIds('{Total} < 0', ({ fields }) => (fields.Total ?? 0) < 0);
    await expectIds(`{Status} = '${OFF_CONTRACT_STATUS}'`, ({ fields }) => fields.Status === OFF_CONTRACT_STATUS);
    await expectIds("FIND('ORD-00001', {Order ID})", ({ fields }) => fields['Order ID']?.startsWith('ORD-00001') ?? false);
    await expectIds("LOWER({Priority}) & '!' = 'high!'", ({ fields }) => fields.Priority === 'High');
  });

  it('refuses a formula it cannot parse with 422 INVALID_FILTER_BY_FORMULA', async () => {
    await start({ records: 5 });
    await expect(select("AND({Status}='Sent'")).rejects.toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA', statusCode: 422 });
    const unknownField = await json(await api(table(`?filterByFormula=${encodeURIComponent("{Colour}='red'")}`)));
    expect(unknownField.error).toEqual({
      type: 'INVALID_FILTER_BY_FORMULA',
      message: 'The formula for filtering records is invalid: Unknown field names: colour',
    });
    await expect(select('SPARKLE({Status})')).rejects.toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA' });
    await expect(select('NOT({Status}, {Total})')).rejects.toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA' });
  });
});

describe('updating records', () => {
  it('updates a batch of 10 through the client and bumps Last Modified', async () => {
    await start({ records: 20 });
    now = new Date('2025-03-05T09:00:00.123Z');
    const targets = sim.records().slice(0, 10);
    const updated = await client().update(targets.map((record) => ({ id: record.id, fields: { Status: 'Sent', Total: 12.5 } })));
    expect(ids(updated)).toEqual(ids(targets));
    expect(sim.countMatching(/^PATCH /)).toBe(1);
    for (const record of updated) {
      expect(record.fields).toMatchObject({ Status: 'Sent', Total: 12.5, 'Last Modified': '2025-03-05T09:00:00.123Z' });
      expect(record.fields['Order ID']).toMatch(/^ORD-/);
    }
    const stored = sim.records();
    expect(stored.slice(0, 10).every((record) => record.fields.Status === 'Sent')).toBe(true);
    expect(stored.slice(10).some((record) => record.fields['Last Modified'] === '2025-03-05T09:00:00.123Z')).toBe(false);

    const single = await client().update(targets[0].id, { Customer: 'Ada Lovelace' });
    expect(single.fields).toMatchObject({ Customer: 'Ada Lovelace', Status: 'Sent' });
  });

  it('refuses 11 records, unknown options, computed fields and unknown records without writing anything', async () => {
    await start({ records: 20 });
    const before = sim.records();
    const batch = (count: number, fields: Record<string, string | number>) =>
      before.slice(0, count).map((record) => ({ id: record.id, fields }));

    await expect(client().update(batch(11, { Status: 'Sent' }))).rejects.toMatchObject({ error: 'INVALID_RECORDS', statusCode: 422 });
    const mixed = [
      { id: before[0].id, fields: { Status: 'Sent' } },
      { id: before[1].id, fields: { Status: 'Lost' } },
    ];
    const optionError = await client()
      .update(mixed)
      .catch((error: unknown) => error);
    expect(optionError).toMatchObject({ error: 'INVALID_MULTIPLE_CHOICE_OPTIONS', statusCode: 422 });
    expect((optionError as { message: string }).message).toBe('Insufficient permissions to create new select option ""Lost""');
    await expect(client().update(batch(1, { 'Last Modified': '2025-01-01T00:00:00.000Z' }))).rejects.toMatchObject({
      error: 'INVALID_VALUE_FOR_COLUMN',
    });
    await expect(client().update(batch(1, { Colour: 'red' }))).rejects.toMatchObject({ error: 'UNKNOWN_FIELD_NAME' });
    await expect(client().update(batch(1, { Total: 'lots' }))).rejects.toMatchObject({ error: 'INVALID_VALUE_FOR_COLUMN' });
    await expect(client().update([{ id: 'recDoesNotExist00', fields: { Status: 'Sent' } }])).rejects.toMatchObject({
      error: 'ROW_DOES_NOT_EXIST',
      statusCode: 422,
    });
    await expect(client().update('recDoesNotExist00', { Status: 'Sent' })).rejects.toMatchObject({ statusCode: 404 });
    expect(sim.records()).toEqual(before);
  });

  it('creates select options and coerces values only with typecast', async () => {
    await start({ records: 3 });
    const [record] = sim.records();
    const [updated] = await client().update([{ id: record.id, fields: { Status: 'Lost', Total: '1,234.50' } }], { typecast: true });
    expect(updated.fields).toMatchObject({ Status: 'Lost', Total: 1234.5 });
    await expect(client().update(record.id, { Status: 'Lost' })).resolves.toBeDefined();
  });

  it('replaces a whole record with PUT and reads one record by id', async () => {
    await start({ records: 3 });
    const [record] = sim.records();
    const replaced = await client().replace(record.id, { 'Order ID': 'ORD-000001', Status: 'Delivered' });
    expect(Object.keys(replaced.fields).sort()).toEqual(['Last Modified', 'Order ID', 'Status']);
    const fetched = await client().find(record.id);
    expect(fetched.fields).toEqual(replaced.fields);
    const byFieldId = await json(await api(table('?returnFieldsByFieldId=true&maxRecords=1')));
    expect(Object.keys(byFieldId.records[0].fields).every((key) => /^fld[A-Za-z0-9]{14}$/.test(key))).toBe(true);
  });

  it('creates and deletes records through the client', async () => {
    await start({ records: 3 });
    const created = await client().create([
      { fields: { 'Order ID': 'ORD-900001', Customer: 'Grace Hopper', Status: 'Pending', Total: 99 } },
    ]);
    expect(created[0].id).toMatch(RECORD_ID);
    expect(created[0].fields['Last Modified']).toBe(START.toISOString());
    expect(ids(sim.records()).at(-1)).toBe(created[0].id);
    await client().destroy([created[0].id]);
    expect(sim.records()).toHaveLength(3);
  });
});

describe('direct state helpers', () => {
  it('insert, update and delete records without HTTP, bumping Last Modified', async () => {
    await start({ records: 4 });
    now = new Date('2025-04-01T00:00:00.000Z');
    const inserted = sim.insertRecord({ 'Order ID': 'ORD-777777', Customer: 'Alan Turing', Status: 'Pending', Total: 10 });
    expect(inserted.id).toMatch(RECORD_ID);
    expect(inserted.fields['Last Modified']).toBe('2025-04-01T00:00:00.000Z');
    expect(ids(sim.records()).at(-1)).toBe(inserted.id);

    now = new Date('2025-04-02T10:00:00.500Z');
    const updated = sim.updateRecord(inserted.id, { Status: 'Processing' });
    expect(updated.fields).toMatchObject({ Status: 'Processing', Customer: 'Alan Turing', 'Last Modified': '2025-04-02T10:00:00.500Z' });
    expect(sim.records().at(-1)).toEqual(updated);
    expect(sim.requestCount()).toBe(0);

    sim.deleteRecord(inserted.id);
    expect(ids(sim.records())).not.toContain(inserted.id);
    expect((await api(table(`/${inserted.id}`))).status).toBe(404);
    expect(() => sim.deleteRecord(inserted.id)).toThrow();
  });

  it('seeds 50,000 valid orders quickly and reproducibly', async () => {
    await start({ records: 1 });
    const started = performance.now();
    sim.seedRecords(50_000, 7);
    expect(performance.now() - started).toBeLessThan(1_500);
    const records = sim.records();
    expect(records).toHaveLength(50_000);
    expect(new Set(ids(records)).size).toBe(50_000);
    const invalid = records.filter(
      (record, index) =>
        !RECORD_ID.test(record.id) ||
        !ORDER_STATUSES.includes(record.fields.Status as never) ||
        (index > 0 && record.createdTime < records[index - 1].createdTime),
    );
    expect(invalid).toEqual([]);

    sim.seedRecords(50_000, 7);
    expect(ids(sim.records()).join()).toBe(ids(records).join());
    sim.seedRecords(10, 8);
    expect(ids(sim.records()).join()).not.toBe(ids(records).slice(0, 10).join());
  });

  it('adds the malformed orders only when asked', async () => {
    await start({ records: 50, malformed: true });
    const records = sim.records();
    expect(records).toHaveLength(55);
    expect(records.filter((record) => record.fields.Status === OFF_CONTRACT_STATUS)).toHaveLength(1);
    expect(records.filter((record) => !/^\d{4}-\d\d-\d\d$/.test(record.fields['Order Date'] ?? ''))).toHaveLength(1);
    expect(records.filter((record) => record.fields.Customer === undefined)).toHaveLength(1);
    expect(records.filter((record) => record.fields.Total === undefined || record.fields.Total < 0)).toHaveLength(2);
    await sim.close();
    await start({ records: 50 });
    expect(sim.records()).toHaveLength(50);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the per-second limit, then refuses everything for the penalty window', async () => {
    await start({ records: 3, requestsPerSecond: 3, rateLimitPenaltyMs: 1_500 });
    for (let i = 0; i < 3; i += 1) expect((await api(table())).status).toBe(200);
    const limited = await api(table());
    expect(limited.status).toBe(429);
    expect(await json(limited)).toEqual({
      errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }],
    });
    await expect(client().select().all()).rejects.toMatchObject({ error: 'TOO_MANY_REQUESTS', statusCode: 429 });

    await sleep(1_100); // the one-second window is clear, the penalty is not
    expect((await api(table())).status).toBe(429);
    await sleep(500);
    expect((await api(table())).status).toBe(200);
  });

  it('is ridden out by the client built-in retry (backoff 5 s × 2^n with full jitter)', async () => {
    await start({ records: 3, requestsPerSecond: 1, rateLimitPenaltyMs: 100 });
    jest.spyOn(Math, 'random').mockReturnValue(0.25); // first retry after 1.25 s
    expect((await api(table())).status).toBe(200);
    const records = await client({ noRetryIfRateLimited: false }).select().all();
    expect(records).toHaveLength(3);
    expect(sim.countMatching(/^GET \/v0\//)).toBe(3);
  });
});

describe('injected faults', () => {
  it('render as Airtable errors and surface through the client', async () => {
    await start({ records: 3 });
    sim.faults({ failNext: 1, status: 503 });
    const unavailable = await api(table());
    expect(unavailable.status).toBe(503);
    expect((await json(unavailable)).error.type).toBe('RETRIABLE_ERROR');

    sim.faults({ failNext: 1, status: 500 });
    await expect(client().select().all()).rejects.toMatchObject({ error: 'SERVER_ERROR', statusCode: 500 });
    sim.faults({ failNext: 1, status: 502 });
    await expect(client().select().all()).rejects.toMatchObject({ error: 'UNEXPECTED_ERROR', statusCode: 502 });
    sim.faults({ rateLimitNext: 1, retryAfterSeconds: 2 });
    const limited = await api(table());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await json(limited)).errors[0].error).toBe('RATE_LIMIT_REACHED');
    await expect(client().select().all()).resolves.toHaveLength(3);
  });

  it('lets a write land while the client times out waiting for the answer', async () => {
    await start({ records: 3 });
    const [record] = sim.records();
    sim.faults({ hangAfterApplyNext: 1, hangMs: 400, match: /^PATCH / });
    const failure = await client({ requestTimeout: 150 })
      .update([{ id: record.id, fields: { Status: 'Cancelled' } }])
      .catch((error: unknown) => error);
    // The client does not wrap a timeout in an AirtableError on this code path.
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(sim.records()[0].fields.Status).toBe('Cancelled');
  });
});

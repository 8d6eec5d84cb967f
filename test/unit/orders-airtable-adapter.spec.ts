import { ConfigService } from '@nestjs/config';
import { NotConfiguredError, UpstreamError } from '../../src/common/errors/domain-error';
import { Settings } from '../../src/config/settings';
import { Metrics } from '../../src/infra/metrics/metrics';
import { AirtableAdapter } from '../../src/orders/airtable.adapter';
import { AirtablePage, AirtableRecord } from '../../src/orders/airtable.port';
import { AirtableClientOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';

/** The adapter against the simulator over real HTTP; only the settings are hand-made. */
function adapterFor(
  sim: AirtableSimulator | undefined,
  overrides: Partial<Settings['airtable']> = {},
  upstream = { retries: 1, timeoutMs: 1000 },
) {
  const settings = {
    airtable: sim
      ? { token: sim.token, baseId: sim.baseId, tableId: sim.tableId, endpointUrl: sim.endpointUrl, ...overrides }
      : { endpointUrl: 'http://127.0.0.1:9', ...overrides },
    upstream,
  };
  const config = { get: (key: keyof typeof settings) => settings[key] } as unknown as ConfigService<Settings, true>;
  const options = Object.assign(new AirtableClientOptions(), { requestsPerSecond: 0, rateLimitPauseMs: 20, retryBaseDelayMs: 1 });
  return { adapter: new AirtableAdapter(config, new Metrics(), options), options };
}

async function collect(pages: AsyncIterable<AirtablePage>): Promise<AirtablePage[]> {
  const all: AirtablePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const idsOf = (pages: AirtablePage[]) => pages.flatMap((page) => page.records.map((record: AirtableRecord) => record.id));

describe('AirtableAdapter', () => {
  let sim: AirtableSimulator;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 250, requestsPerSecond: 0 });
  });
  afterEach(() => sim.clearFaults());
  afterAll(() => sim.close());

  it('pages through the table with offsets', async () => {
    const pages = await collect(adapterFor(sim).adapter.listRecords({ pageSize: 100 }));
    expect(pages.map((page) => page.records.length)).toEqual([100, 100, 50]);
    expect(idsOf(pages)).toEqual(sim.records().map((record) => record.id));
    expect(pages.every((page) => !page.restarted)).toBe(true);
  });

  it('sends a formula too long for a URL through POST .../listRecords, offsets included', async () => {
    const wanted = sim
      .records()
      .slice(0, 230)
      .map((record) => record.id);
    const formula = `OR(${wanted.map((id) => `RECORD_ID()='${id}'`).join(',')}${",RECORD_ID()='recNoSuchRecord00'".repeat(200)})`;
    expect(encodeURIComponent(formula).length).toBeGreaterThan(15_000);
    const posts = sim.countMatching(/^POST \/v0\/.*\/listRecords$/);
    const pages = await collect(
      adapterFor(sim, {}, { retries: 0, timeoutMs: 10_000 }).adapter.listRecords({ filterByFormula: formula, fields: ['Order ID'] }),
    );
    expect(idsOf(pages)).toEqual(wanted);
    expect(pages[0].records[0].fields).toEqual({ 'Order ID': sim.records()[0].fields['Order ID'] });
    expect(sim.countMatching(/^POST \/v0\/.*\/listRecords$/) - posts).toBe(3);
  });

  it('restarts a listing whose offset expired and says so', async () => {
    const { adapter } = adapterFor(sim);
    const pages: AirtablePage[] = [];
    for await (const page of adapter.listRecords({ pageSize: 100 })) {
      pages.push(page);
      if (pages.length === 2) sim.expireOffsets();
    }
    expect(pages.map((page) => [page.records.length, page.restarted])).toEqual([
      [100, false],
      [100, false],
      [100, true],
      [100, false],
      [50, false],
    ]);
  });

  it('updates records at most 10 per request', async () => {
    const patches = sim.countMatching(/^PATCH /);
    const updates = sim
      .records()
      .slice(0, 25)
      .map((record) => ({ id: record.id, fields: { Priority: 'High' } }));
    const updated = await adapterFor(sim).adapter.updateRecords(updates);
    expect(updated.map((record) => record.id)).toEqual(updates.map((update) => update.id));
    expect(updated.every((record) => record.fields.Priority === 'High')).toBe(true);
    expect(sim.countMatching(/^PATCH /) - patches).toBe(3);
  });

  it.each([
    [{ failNext: 5, status: 502 }, 'upstream_failed', 502],
    [{ failNext: 5, status: 503 }, 'upstream_unavailable', 503],
    [{ failNext: 5, status: 504 }, 'upstream_timeout', 504],
    [{ failNext: 5, status: 400 }, 'upstream_failed', 400],
  ])('gives up on %j as %s after its retries', async (faults, kind, status) => {
    sim.faults(faults);
    const before = sim.requestCount();
    const failure = collect(adapterFor(sim).adapter.listRecords());
    await expect(failure).rejects.toMatchObject({ kind, upstreamStatus: status, upstream: 'airtable' });
    expect(sim.requestCount() - before).toBe(status === 400 ? 1 : 2);
  });

  it('times out a silent Airtable', async () => {
    sim.faults({ latencyMs: 400 });
    const failure = collect(adapterFor(sim, {}, { retries: 0, timeoutMs: 150 }).adapter.listRecords());
    await expect(failure).rejects.toMatchObject({ kind: 'upstream_timeout' });
  });

  it('says when Airtable cannot be reached, or has no such table', async () => {
    await expect(
      collect(adapterFor(sim, { endpointUrl: 'http://127.0.0.1:9' }, { retries: 0, timeoutMs: 500 }).adapter.listRecords()),
    ).rejects.toMatchObject({
      kind: 'upstream_unavailable',
    });
    await expect(collect(adapterFor(sim, { tableId: 'tblNoSuchTable00' }).adapter.listRecords())).rejects.toMatchObject({
      kind: 'not_found',
      upstreamStatus: 404,
    });
    await expect(collect(adapterFor(sim, { token: 'patWrong' }).adapter.listRecords())).rejects.toMatchObject({
      kind: 'upstream_failed',
      upstreamStatus: 401,
    });
  });

  it('waits out 429s, gives up after its limit, and stops waiting when aborted', async () => {
    sim.faults({ rateLimitNext: 2 });
    const pages = await collect(adapterFor(sim).adapter.listRecords());
    expect(pages).toHaveLength(3);

    sim.faults({ rateLimitNext: 100 });
    const { adapter, options } = adapterFor(sim);
    const started = Date.now();
    const failure = collect(adapter.listRecords());
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(failure).rejects.toMatchObject({ kind: 'upstream_unavailable', upstreamStatus: 429, retryAfterSeconds: 30 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(options.maxRateLimitWaits * options.rateLimitPauseMs);

    options.rateLimitPauseMs = 10_000;
    const abort = new AbortController();
    const waiting = collect(adapter.listRecords({ signal: abort.signal }));
    setTimeout(() => abort.abort(), 50);
    await expect(waiting).rejects.toThrow(/abort/i);
  });

  it('is not configured without token, base and table, and says so', async () => {
    const { adapter } = adapterFor(undefined);
    expect(adapter.isConfigured()).toBe(false);
    await expect(collect(adapter.listRecords())).rejects.toBeInstanceOf(NotConfiguredError);
    await expect(adapter.updateRecords([{ id: 'rec1', fields: {} }])).rejects.toBeInstanceOf(NotConfiguredError);
  });
});

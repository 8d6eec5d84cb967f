import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, Tracing } from '../../src/infra/tracing/tracing-sdk';
import { tracingWanted } from '../../src/infra/tracing/start-tracing';
import { tracingEnabled } from '../../src/infra/tracing/spans';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { NotionSimulator, startNotionSimulator } from '../../simulators/notion/notion-simulator';
import { airtableSettings, notionSettings } from '../../simulators/simulator-settings';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

/**
 * Traces with an in-memory exporter, over real requests against the simulators. The SDK starts before the
 * application is built: Fastify's instrumentation attaches when a Fastify instance is created. (Under Jest
 * the HTTP, pg and Redis instrumentations cannot patch modules, since Jest loads them itself; see README.)
 */
describe('tracing (OpenTelemetry, in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let app: TestApp;
  let tmdb: TmdbSimulator;
  let notion: NotionSimulator;
  let airtable: AirtableSimulator;
  const ADMIN = 'abcdef1234567890';
  const USER = '1234567890';

  beforeAll(async () => {
    tracing = startTracing({ exporter });
    [tmdb, notion, airtable] = await Promise.all([
      startTmdbSimulator(),
      startNotionSimulator({ requestsPerSecond: 0 }),
      startAirtableSimulator({ requestsPerSecond: 0 }),
    ]);
    app = await startTestApp({
      ...tmdbTestEnv(tmdb, { UPSTREAM_RETRIES: '2' }),
      ...notionSettings(notion),
      ...airtableSettings(airtable),
      AIRTABLE_REQUESTS_PER_SECOND: '1000',
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await Promise.all([tmdb?.close(), notion?.close(), airtable?.close()]);
    await tracing?.shutdown();
  });
  beforeEach(() => exporter.reset());

  const spans = () => exporter.getFinishedSpans();
  const named = (name: string) => spans().filter((span) => span.name === name);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
  const rootOf = (span: ReadableSpan): ReadableSpan => {
    const parent = spans().find((candidate) => candidate.spanContext().spanId === parentOf(span));
    return parent ? rootOf(parent) : span;
  };

  it('is on only when an OTLP endpoint is set, and not with OTEL_SDK_DISABLED', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingEnabled()).toBe(true);
  });

  it('puts the request id on the root span of a request, and traces each TMDB call with its retries', async () => {
    const movieId = tmdb.sampleMovieIds()[0];
    tmdb.faults({ failNext: 1, status: 503 });
    const response = await app.request('GET', `/api/v1/movies/${movieId}`, { token: USER, headers: { 'x-request-id': 'trace-me-1' } });
    expect(response.status).toBe(200);

    const call = named('tmdb GET').find((span) => span.attributes['url.path'] === `/movie/${movieId}`);
    expect(call).toBeDefined();
    expect(call!.attributes['upstream.attempts']).toBe(2);
    expect(call!.events.map((event) => [event.name, event.attributes?.outcome])).toEqual([['attempt failed', '503']]);
    // The root: node:http's server span in a plain Node process; under Jest (whose module loader the http
    // instrumentation cannot patch) Fastify's request span. Both carry the request id.
    const root = rootOf(call!);
    expect(root.attributes['http.request.id']).toBe('trace-me-1');
    expect(root.attributes['http.route']).toBe('/api/v1/movies/:tmdbId');
    expect(root.spanContext().traceId).toBe(call!.spanContext().traceId);
  });

  it('does not trace probes and scrapes', async () => {
    await app.request('GET', '/health/live');
    await app.request('GET', '/metrics');
    expect(
      spans().filter((span) => /health|metrics/.test(String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? span.name))),
    ).toEqual([]);
  });

  it('traces a review write with its Notion call, and the compensation when the database fails after Notion', async () => {
    const created = await app.request('POST', '/api/v1/catalog/movies', {
      token: ADMIN,
      body: { title: 'Traced', year: 2001, description: 'A traced movie' },
    });
    expect(created.status).toBe(201);
    const review = await app.request('POST', '/api/v1/reviews', {
      token: USER,
      body: { movieId: created.body.id, rating: 4, comment: 'Traced.' },
    });
    expect(review.status).toBe(201);
    const write = named('review create').find((span) => span.attributes['review.id'] === review.body.id);
    expect(write).toBeDefined();
    const notionCall = named('notion create page').find((span) => parentOf(span) === write!.spanContext().spanId);
    expect(notionCall?.attributes['upstream.name']).toBe('notion');
    expect(named('review compensate')).toEqual([]);

    // Notion applies the update, then hangs past the timeout: the write fails and is compensated.
    exporter.reset();
    notion.faults({ hangAfterApplyNext: 3, hangMs: 2500, match: /^PATCH / });
    const patched = await app.request('PATCH', `/api/v1/reviews/${review.body.id}`, { token: USER, body: { comment: 'Changed.' } });
    notion.clearFaults();
    expect(patched.status).toBeGreaterThanOrEqual(500);
    const update = named('review update')[0];
    expect(update.status.code).toBe(2);
    const compensation = named('review compensate')[0];
    expect(parentOf(compensation)).toBe(update.spanContext().spanId);
    expect(compensation.attributes['review.compensation.outcome']).toBe('repaired');
  });

  it('traces an Airtable import run, each page and each Airtable request', async () => {
    const started = await app.request('POST', '/api/v1/orders/sync?full=true&wait=25', { token: ADMIN });
    expect(started.status).toBe(200);
    const run = named('orders import')[0];
    expect(run.attributes).toEqual(expect.objectContaining({ 'orders.sync.run_id': started.body.id, 'orders.sync.status': 'succeeded' }));
    const pages = named('orders import page');
    expect(pages.length).toBe(Math.ceil(started.body.fetched / 100));
    expect(pages.every((page) => parentOf(page) === run.spanContext().spanId)).toBe(true);
    expect(pages.reduce((sum, page) => sum + Number(page.attributes['orders.sync.records']), 0)).toBe(started.body.fetched);
    const requests = named('airtable GET').filter((span) => parentOf(span) === run.spanContext().spanId);
    expect(requests.length).toBe(pages.length);
  });
});

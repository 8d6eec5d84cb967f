import { Logger } from '@nestjs/common';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POPULAR = /^GET \/3\/movie\/popular$/;

describe('movies: cache and resilience against TMDB (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let page = 10;
  /** A page no other test has asked for, so its cache entry is this test's own. */
  const freshPage = () => (page += 1);

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 1000 });
    api = await startTestApp({
      ...tmdbSettings(tmdb),
      // Two seconds, not one: on a loaded machine two requests "within the TTL" can be a second apart.
      CACHE_TTL_SECONDS: '2',
      UPSTREAM_RETRIES: '2',
      UPSTREAM_TIMEOUT_MS: '300',
      RATE_LIMIT_PER_MINUTE: '100000',
      // Keeps what the tests leave in a shared Redis from lingering for a day.
      CACHE_STALE_TTL_SECONDS: '300',
    });
    // Reads /configuration once, so the faults below hit only what each test asks.
    expect((await popular(1)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => {
    tmdb.clearFaults();
    jest.restoreAllMocks();
  });

  function popular(pageNumber: number, query = '') {
    return api.request('GET', `/api/v1/movies/popular?page=${pageNumber}${query}`, { token: USER_TOKEN });
  }
  async function metric(name: string): Promise<number> {
    const text = (await api.request('GET', '/metrics')).text;
    const line = text.split('\n').find((row) => row.startsWith(name));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('answers the same request within the TTL from the cache, without calling TMDB', async () => {
    const n = freshPage();
    const before = tmdb.countMatching(POPULAR);
    const first = await popular(n);
    const second = await popular(n);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(second.body).toEqual(first.body);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 1);
  });

  it('keys the cache by the whole upstream request, language included', async () => {
    const n = freshPage();
    await popular(n);
    const before = tmdb.countMatching(POPULAR);
    expect((await popular(n, '&language=fr-FR')).headers.get('x-cache')).toBe('MISS');
    expect((await popular(n, '&language=en-US')).headers.get('x-cache')).toBe('HIT');
    expect((await popular(n, '&region=FR')).headers.get('x-cache')).toBe('MISS');
    expect(tmdb.countMatching(POPULAR)).toBe(before + 2);
  });

  it('asks TMDB again once the TTL has passed', async () => {
    const n = freshPage();
    await popular(n);
    await sleep(2100);
    const before = tmdb.countMatching(POPULAR);
    const response = await popular(n);
    expect(response.headers.get('x-cache')).toBe('MISS');
    expect(tmdb.countMatching(POPULAR)).toBe(before + 1);
  });

  it('serves the last good copy with X-Cache: STALE when TMDB fails after a good answer', async () => {
    const n = freshPage();
    const good = await popular(n);
    const details = await api.request('GET', '/api/v1/movies/603', { token: USER_TOKEN });
    await sleep(2100);
    tmdb.faults({ failNext: 100, status: 503 });
    const before = tmdb.countMatching(POPULAR);
    const stale = await popular(n);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.body).toEqual(good.body);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 3);
    const staleDetails = await api.request('GET', '/api/v1/movies/603', { token: USER_TOKEN });
    expect(staleDetails.headers.get('x-cache')).toBe('STALE');
    expect(staleDetails.body.title).toBe(details.body.title);
  });

  it.each([
    [500, 502],
    [502, 502],
    [503, 503],
    [504, 504],
  ])('answers a cold request with TMDB failing %s by a %s problem, after retrying', async (upstream, ours) => {
    const before = tmdb.countMatching(POPULAR);
    tmdb.faults({ failNext: 100, status: upstream });
    const response = await popular(freshPage());
    expectProblem(response, ours);
    expect(response.text).not.toContain(tmdb.token);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 3);
  });

  it('answers 504 when every attempt times out', async () => {
    tmdb.faults({ latencyMs: 600, match: POPULAR });
    const started = Date.now();
    const response = await popular(freshPage());
    expectProblem(response, 504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('retries transient failures, counts and logs each one, and then answers', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const retriesBefore = await metric('upstream_retries_total{upstream="tmdb"}');
    const failuresBefore = await metric('upstream_requests_total{upstream="tmdb",outcome="502"}');
    const before = tmdb.countMatching(POPULAR);
    tmdb.faults({ failNext: 2, status: 502 });
    const response = await popular(freshPage());
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('MISS');
    expect(tmdb.countMatching(POPULAR)).toBe(before + 3);
    expect(await metric('upstream_retries_total{upstream="tmdb"}')).toBe(retriesBefore + 2);
    expect(await metric('upstream_requests_total{upstream="tmdb",outcome="502"}')).toBe(failuresBefore + 2);
    const logged = warn.mock.calls.map(([entry]) => entry).filter((entry) => (entry as { upstream?: string }).upstream === 'tmdb');
    expect(logged).toEqual([
      expect.objectContaining({ upstream: 'tmdb', path: '/movie/popular', status: 502, attempt: 1, willRetry: true }),
      expect.objectContaining({ upstream: 'tmdb', path: '/movie/popular', status: 502, attempt: 2, willRetry: true }),
    ]);
  });

  it('honours Retry-After on a 429', async () => {
    tmdb.faults({ rateLimitNext: 1, retryAfterSeconds: 1 });
    const before = tmdb.countMatching(POPULAR);
    const started = Date.now();
    const response = await popular(freshPage());
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 2);
  });

  it('does not wait for a Retry-After longer than it can hold a request: 503 with Retry-After at once', async () => {
    tmdb.faults({ rateLimitNext: 5, retryAfterSeconds: 30 });
    const before = tmdb.countMatching(POPULAR);
    const started = Date.now();
    const response = await popular(freshPage());
    expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 1);
  });

  it('does not retry a 404', async () => {
    const response = await api.request('GET', '/api/v1/movies/987654321', { token: USER_TOKEN });
    expectProblem(response, 404);
    expect(tmdb.countMatching(/^GET \/3\/movie\/987654321$/)).toBe(1);
  });

  it('shares one upstream call between concurrent identical misses', async () => {
    const n = freshPage();
    tmdb.faults({ latencyMs: 150 });
    const before = tmdb.countMatching(POPULAR);
    const responses = await Promise.all(Array.from({ length: 8 }, () => popular(n)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1);
    expect(tmdb.countMatching(POPULAR)).toBe(before + 1);
  });

  it('counts cache hits, misses and stale answers', async () => {
    expect(await metric('cache_lookups_total{cache="tmdb",result="hit"}')).toBeGreaterThan(0);
    expect(await metric('cache_lookups_total{cache="tmdb",result="miss"}')).toBeGreaterThan(0);
    expect(await metric('cache_lookups_total{cache="tmdb",result="stale"}')).toBeGreaterThan(0);
  });
});

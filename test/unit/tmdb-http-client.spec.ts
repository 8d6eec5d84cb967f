import { HttpService } from '@nestjs/axios';
import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { UpstreamError } from '../../src/common/errors/domain-error';
import { Metrics } from '../../src/infra/metrics/metrics';
import { RetryPolicy } from '../../src/movies/upstream/retry-policy';
import { TmdbHttpClient } from '../../src/movies/upstream/tmdb-http.client';
import { UpstreamPacer } from '../../src/infra/pacing/upstream-pacer';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';

/** axios' CommonJS and ESM typings differ; the instance is the same. */
const asHttp = (instance: unknown) => new HttpService(instance as ConstructorParameters<typeof HttpService>[0]);

describe('TmdbHttpClient against the TMDB simulator', () => {
  let tmdb: TmdbSimulator;
  let metrics: Metrics;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 50, pageErrorStyle: 'legacy-errors-array' });
  });
  afterAll(() => tmdb.close());
  beforeEach(() => {
    metrics = new Metrics();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => {
    tmdb.clearFaults();
    jest.restoreAllMocks();
  });

  function client(options: { token?: string; baseURL?: string; timeoutMs?: number; pacer?: UpstreamPacer } = {}) {
    const http = asHttp(
      axios.create({ baseURL: options.baseURL ?? tmdb.apiRoot, headers: { Authorization: `Bearer ${options.token ?? tmdb.token}` } }),
    );
    const policy = new RetryPolicy({ retries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 2000 });
    return new TmdbHttpClient(http, policy, options.timeoutMs ?? 500, metrics, options.pacer);
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as UpstreamError,
    );

  it('answers the payload', async () => {
    await expect(client().get({ path: '/movie/550', query: { language: 'en-US' } })).resolves.toMatchObject({
      id: 550,
      title: 'Fight Club',
    });
  });

  it('does not retry when TMDB refuses our token, and says so as a 502', async () => {
    const before = tmdb.requestCount();
    const error = await failure(client({ token: 'wrong' }).get({ path: '/movie/550', query: {} }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'upstream_failed', upstreamStatus: 401 });
    expect(tmdb.requestCount()).toBe(before + 1);
  });

  it("does not retry TMDB's 422 for a page past 500", async () => {
    const before = tmdb.requestCount();
    const error = await failure(client().get({ path: '/movie/popular', query: { page: '501' } }));
    expect(error).toMatchObject({ kind: 'upstream_failed', upstreamStatus: 422 });
    expect(tmdb.requestCount()).toBe(before + 1);
  });

  it('reports a 404 as not_found, at debug level, without retrying', async () => {
    const error = await failure(client().get({ path: '/movie/1', query: {} }));
    expect(error).toMatchObject({ kind: 'not_found', upstreamStatus: 404 });
    expect(Logger.prototype.debug).toHaveBeenCalledTimes(1);
    expect(Logger.prototype.warn).not.toHaveBeenCalled();
  });

  it('retries network errors, then gives up with a 502 kind', async () => {
    const closed = await startTmdbSimulator({ catalogSize: 34 });
    const baseURL = closed.apiRoot;
    await closed.close();
    const error = await failure(client({ baseURL }).get({ path: '/movie/550', query: {} }));
    expect(error).toMatchObject({ kind: 'upstream_failed' });
    expect(error!.message).toMatch(/could not be reached/);
    expect(Logger.prototype.warn).toHaveBeenCalledTimes(3);
    expect(await metrics.upstreamRequests.get()).toMatchObject({
      values: [expect.objectContaining({ labels: { upstream: 'tmdb', outcome: 'network' }, value: 3 })],
    });
  });

  it('passes on a rate limit it cannot wait for, with the seconds TMDB asked for', async () => {
    tmdb.faults({ rateLimitNext: 3, retryAfterSeconds: 5 });
    const error = await failure(client().get({ path: '/movie/550', query: {} }));
    expect(error).toMatchObject({ kind: 'upstream_unavailable', upstreamStatus: 429, retryAfterSeconds: 5 });
  });

  it('times out each attempt', async () => {
    tmdb.faults({ latencyMs: 300 });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 100 }).get({ path: '/movie/550', query: {} }));
    expect(error).toMatchObject({ kind: 'upstream_timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries a 200 that is not JSON, then reports it as a 502 kind', async () => {
    let hits = 0;
    const proxy = createServer((_request, response) => {
      hits += 1;
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway error</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const baseURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/3`;
      const error = await failure(client({ baseURL }).get({ path: '/movie/550', query: {} }));
      expect(error).toMatchObject({ kind: 'upstream_failed', message: expect.stringMatching(/not JSON/) });
      expect(hits).toBe(3);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('takes a turn of the pacer for every attempt, retries included, and gives it back when answered', async () => {
    const pacer = new UpstreamPacer(() => 40);
    const turns = jest.spyOn(pacer, 'acquire');
    // A movie no earlier test asks for: their attempts still in flight (a timed-out one) must not take the fault.
    const id = tmdb.sampleMovieIds()[1];
    tmdb.faults({ failNext: 1, status: 503, match: new RegExp(`/movie/${id}$`) });
    await expect(client({ pacer }).get({ path: `/movie/${id}`, query: {} })).resolves.toMatchObject({ id });
    expect(turns).toHaveBeenCalledTimes(2);
    const account = client({ pacer }).paced(async () => 'posted');
    await expect(account).resolves.toBe('posted');
    expect(turns).toHaveBeenCalledTimes(3);
  });

  it('holds a burst to TMDB_REQUESTS_PER_SECOND: the call after the limit waits for a window after the first answer', async () => {
    const arrivals: number[] = [];
    const answeredAt: number[] = [];
    const upstream = createServer((_request, response) => {
      arrivals.push(Date.now());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":550}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    try {
      const baseURL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/3`;
      const paced = client({ baseURL, pacer: new UpstreamPacer(() => 3, 300) });
      await Promise.all(
        Array.from({ length: 4 }, () => paced.get({ path: '/movie/550', query: {} }).then(() => answeredAt.push(Date.now()))),
      );
      expect(arrivals).toHaveLength(4);
      expect(arrivals[3] - Math.min(...answeredAt)).toBeGreaterThanOrEqual(295);
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});

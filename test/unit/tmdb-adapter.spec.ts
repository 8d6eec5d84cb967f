import { HttpService } from '@nestjs/axios';
import { Logger } from '@nestjs/common';
import axios from 'axios';
import { NotConfiguredError } from '../../src/common/errors/domain-error';
import type { AppCache } from '../../src/infra/cache/app-cache';
import { Metrics } from '../../src/infra/metrics/metrics';
import { cacheKey, formEncode, TmdbAdapter } from '../../src/movies/tmdb.adapter';
import { RetryPolicy } from '../../src/movies/upstream/retry-policy';
import { StaleCache } from '../../src/movies/upstream/stale-cache';
import { TmdbHttpClient } from '../../src/movies/upstream/tmdb-http.client';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';

/** axios' CommonJS and ESM typings differ; the instance is the same. */
const asHttp = (instance: unknown) => new HttpService(instance as ConstructorParameters<typeof HttpService>[0]);

class MapCache {
  readonly entries = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.entries.get(key) as T | undefined;
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.entries.set(key, value);
  }
}

describe('TmdbAdapter', () => {
  let tmdb: TmdbSimulator;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 100 });
  });
  afterAll(() => tmdb.close());
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => {
    tmdb.clearFaults();
    jest.restoreAllMocks();
  });

  function adapter(configured = true) {
    const metrics = new Metrics();
    const http = asHttp(axios.create({ baseURL: tmdb.apiRoot, headers: { Authorization: `Bearer ${tmdb.token}` } }));
    const client = new TmdbHttpClient(
      http,
      new RetryPolicy({ retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 }),
      1000,
      metrics,
    );
    const cache = new StaleCache(new MapCache() as unknown as AppCache, metrics, { name: 'tmdb', freshMs: 60_000, staleMs: 60_000 });
    return new TmdbAdapter(client, cache, { configured });
  }

  it('answers 503 (NotConfiguredError) without a TMDB token, never calling TMDB', async () => {
    const before = tmdb.requestCount();
    await expect(adapter(false).getMovieDetails(550)).rejects.toBeInstanceOf(NotConfiguredError);
    await expect(adapter(false).popular({ page: 1, language: 'en-US' })).rejects.toBeInstanceOf(NotConfiguredError);
    expect(tmdb.requestCount()).toBe(before);
  });

  it("falls back to TMDB's well-known image host while /configuration fails, and asks again later", async () => {
    tmdb.faults({ failNext: 1, status: 500, match: /configuration/ });
    const movies = adapter();
    const page = await movies.search({ query: 'matrix', page: 1, language: 'en-US' });
    expect(page.value.items[0].posterUrl).toMatch(/^https:\/\/image\.tmdb\.org\/t\/p\/w500\//);
    await expect(movies.imageUrl('/x.jpg', 'backdrop')).resolves.toBe('https://image.tmdb.org/t/p/w1280/x.jpg');
    await expect(movies.imageUrl(null, 'poster')).resolves.toBeNull();
  });

  it('keys the cache by path and sorted query', () => {
    expect(cacheKey({ path: '/discover/movie', query: { page: '2', language: 'en-US', include_adult: 'false' } })).toBe(
      '/discover/movie?include_adult=false&language=en-US&page=2',
    );
    expect(cacheKey({ path: '/configuration', query: {} })).toBe('/configuration');
  });

  it('encodes query values exactly as URLSearchParams does', () => {
    const samples = ['the matrix', "l'été (1999)!", 'a+b&c=d', '~*._-', '東京物語', 'emoji 🎬', 'lone \ud800 surrogate', '%41', ''];
    // Plus random strings over a mix of ASCII punctuation, spaces, accents and astral characters.
    const alphabet = [...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~azAZ09éß€🎬', '\ud83c'];
    for (let i = 0; i < 500; i++) {
      samples.push(Array.from({ length: 1 + (i % 12) }, (_, j) => alphabet[(i * 31 + j * 17) % alphabet.length]).join(''));
    }
    for (const value of samples) {
      expect(formEncode(value)).toBe(new URLSearchParams({ v: value }).toString().slice(2));
    }
    expect(cacheKey({ path: '/search/movie', query: { query: 'the matrix', page: '1' } })).toBe('/search/movie?page=1&query=the+matrix');
  });

  it('sends discover filters in TMDB terms', async () => {
    const result = await adapter().discover({
      page: 1,
      language: 'en-US',
      sortBy: 'title.asc',
      year: 1999,
      withGenres: [18],
      includeAdult: true,
    });
    expect(result.value.items.every((movie) => movie.releaseDate?.startsWith('1999') && movie.genreIds.includes(18))).toBe(true);
    const titles = result.value.items.map((movie) => movie.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
  });

  it('peeks at cached details only', async () => {
    const movies = adapter();
    await expect(movies.cachedMovieDetails(603)).resolves.toBeUndefined();
    await movies.getMovieDetails(603, 'pt-BR');
    await expect(movies.cachedMovieDetails(603)).resolves.toBeUndefined();
    await expect(movies.cachedMovieDetails(603, 'pt-BR')).resolves.toMatchObject({ tmdbId: 603 });
  });
});

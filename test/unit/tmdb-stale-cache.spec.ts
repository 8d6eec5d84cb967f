import { Logger } from '@nestjs/common';
import { NotFoundError, UpstreamError } from '../../src/common/errors/domain-error';
import type { AppCache } from '../../src/infra/cache/app-cache';
import { Metrics } from '../../src/infra/metrics/metrics';
import { StaleCache } from '../../src/movies/upstream/stale-cache';

/** The in-process behaviour of AppCache, without Nest: a map with expiry. */
class MapCache {
  readonly entries = new Map<string, { value: unknown; until: number }>();
  constructor(private readonly clock: () => number) {}
  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    return entry && entry.until > this.clock() ? (entry.value as T) : undefined;
  }
  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, until: this.clock() + ttlMs });
  }
}

describe('StaleCache', () => {
  let now: number;
  let store: MapCache;
  let cache: StaleCache;
  const clock = () => now;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    now = 1_000_000;
    store = new MapCache(clock);
    cache = new StaleCache(store as unknown as AppCache, new Metrics(), { name: 'tmdb', freshMs: 1000, staleMs: 60_000 }, clock);
  });

  afterEach(() => jest.restoreAllMocks());

  const failing = (error: Error) => async () => {
    throw error;
  };

  it('misses, then hits within the fresh TTL, then loads again after it', async () => {
    let calls = 0;
    const load = async () => ++calls;
    await expect(cache.fetch('k', load)).resolves.toEqual({ value: 1, cache: 'MISS' });
    now += 999;
    await expect(cache.fetch('k', load)).resolves.toEqual({ value: 1, cache: 'HIT' });
    now += 1;
    await expect(cache.fetch('k', load)).resolves.toEqual({ value: 2, cache: 'MISS' });
  });

  it('answers fresh entries from this process without asking the shared cache', async () => {
    await cache.fetch('k', async () => 'good');
    const sharedLookups = jest.spyOn(store, 'get');
    now += 500;
    await expect(cache.fetch('k', async () => 'other')).resolves.toEqual({ value: 'good', cache: 'HIT' });
    expect(sharedLookups).not.toHaveBeenCalled();
    now += 600;
    await expect(cache.fetch('k', async () => 'newer')).resolves.toEqual({ value: 'newer', cache: 'MISS' });
    expect(sharedLookups).toHaveBeenCalledTimes(1);
  });

  it('keeps a bounded number of entries in this process', async () => {
    for (let i = 0; i < 300; i++) await cache.fetch(`k${i}`, async () => i);
    const sharedLookups = jest.spyOn(store, 'get');
    await expect(cache.fetch('k0', async () => -1)).resolves.toEqual({ value: 0, cache: 'HIT' });
    expect(sharedLookups).toHaveBeenCalledTimes(1);
  });

  it('serves the last good copy when the upstream fails, until the stale TTL ends', async () => {
    await cache.fetch('k', async () => 'good');
    now += 5000;
    await expect(cache.fetch('k', failing(new UpstreamError('upstream_timeout', 'tmdb', 'slow')))).resolves.toEqual({
      value: 'good',
      cache: 'STALE',
    });
    now += 60_000;
    await expect(cache.fetch('k', failing(new UpstreamError('upstream_failed', 'tmdb', 'down')))).rejects.toBeInstanceOf(UpstreamError);
  });

  it('does not hide answers that are not failures behind a stale copy', async () => {
    await cache.fetch('k', async () => 'good');
    now += 5000;
    await expect(cache.fetch('k', failing(new UpstreamError('not_found', 'tmdb', 'gone')))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(cache.fetch('k', failing(new NotFoundError('MovieNotFound', 'gone')))).rejects.toBeInstanceOf(NotFoundError);
    await expect(cache.fetch('k', failing(new TypeError('bug')))).rejects.toBeInstanceOf(TypeError);
  });

  it('rethrows when nothing is kept', async () => {
    await expect(cache.fetch('cold', failing(new UpstreamError('upstream_unavailable', 'tmdb', 'down')))).rejects.toBeInstanceOf(
      UpstreamError,
    );
  });

  it('shares one load between concurrent identical misses, and only identical ones', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      const mine = ++calls;
      await gate;
      return mine;
    };
    const pending = [cache.fetch('a', load), cache.fetch('a', load), cache.fetch('a', load), cache.fetch('b', load)];
    release();
    const results = await Promise.all(pending);
    expect(calls).toBe(2);
    expect(results.slice(0, 3).map((result) => result.value)).toEqual([1, 1, 1]);
    // Once settled, the next miss loads again.
    now += 2000;
    await expect(cache.fetch('a', async () => 'again')).resolves.toEqual({ value: 'again', cache: 'MISS' });
  });

  it('lets a caller ask for a longer freshness, and peeks without loading', async () => {
    await cache.fetch('config', async () => 'images', 10_000);
    now += 5000;
    await expect(cache.fetch('config', async () => 'new', 10_000)).resolves.toEqual({ value: 'images', cache: 'HIT' });
    await expect(cache.peek('config')).resolves.toBe('images');
    await expect(cache.peek('unknown')).resolves.toBeUndefined();
  });
});

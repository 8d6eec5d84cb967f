import { Logger } from '@nestjs/common';
import { UpstreamError } from '../../common/errors/domain-error';
import { AppCache } from '../../infra/cache/app-cache';
import { Metrics } from '../../infra/metrics/metrics';

/** Where an answer came from, sent to clients as `X-Cache`. */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

export interface Cached<T> {
  value: T;
  cache: CacheStatus;
}

interface Entry<T> {
  value: T;
  storedAt: number;
}

export interface StaleCacheOptions {
  /** Label of the `cache_lookups_total` metric and prefix of the keys. */
  name: string;
  /** An entry younger than this answers without asking upstream (CACHE_TTL_SECONDS). */
  freshMs: number;
  /** An entry is kept this long, to answer when upstream fails (CACHE_STALE_TTL_SECONDS). */
  staleMs: number;
}

/**
 * Fresh entries kept in this process too (a first-level cache in front of Redis): the hot path then
 * answers without a network round trip or a JSON parse. Bounded; the oldest insertions go first.
 */
const LOCAL_ENTRIES = 256;

/** Failures where an old answer is better than none; a 404 or a refused request is not one. */
const STALE_WORTHY = new Set(['upstream_failed', 'upstream_unavailable', 'upstream_timeout']);

/**
 * Fresh-or-stale caching of upstream answers. One cache entry per upstream
 * request holds the value and when it was stored: fresh within `freshMs`, kept
 * for `staleMs` as the last good copy served when the upstream fails. Identical
 * concurrent misses in this process share one upstream call (single flight).
 */
export class StaleCache {
  private readonly logger = new Logger('StaleCache');
  private readonly inFlight = new Map<string, Promise<Cached<unknown>>>();
  private readonly local = new Map<string, Entry<unknown>>();

  constructor(
    private readonly cache: AppCache,
    private readonly metrics: Metrics,
    private readonly options: StaleCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async fetch<T>(key: string, load: () => Promise<T>, freshMs = this.options.freshMs): Promise<Cached<T>> {
    const local = this.local.get(key) as Entry<T> | undefined;
    if (local && this.isFresh(local, freshMs)) return this.answer(local.value, 'HIT');
    const shared = this.inFlight.get(key);
    if (shared) return shared as Promise<Cached<T>>;
    const pending = this.lookupOrLoad(key, load, freshMs).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
  }

  /** Whatever is kept for the key, fresh or stale, without asking upstream. */
  async peek<T>(key: string): Promise<T | undefined> {
    return (await this.cache.get<Entry<T>>(`${this.options.name}:${key}`))?.value;
  }

  private async lookupOrLoad<T>(key: string, load: () => Promise<T>, freshMs: number): Promise<Cached<T>> {
    const cacheKey = `${this.options.name}:${key}`;
    const entry = await this.cache.get<Entry<T>>(cacheKey);
    if (entry && this.isFresh(entry, freshMs)) {
      this.remember(key, entry);
      return this.answer(entry.value, 'HIT');
    }
    try {
      const value = await load();
      const fresh = { value, storedAt: this.now() };
      await this.cache.set<Entry<T>>(cacheKey, fresh, Math.max(this.options.staleMs, freshMs));
      this.remember(key, fresh);
      return this.answer(value, 'MISS');
    } catch (error) {
      if (!entry || !(error instanceof UpstreamError) || !STALE_WORTHY.has(error.kind)) throw error;
      this.logger.warn({
        msg: 'upstream failed; serving the last good copy',
        cache: this.options.name,
        key,
        ageSeconds: Math.round((this.now() - entry.storedAt) / 1000),
      });
      return this.answer(entry.value, 'STALE');
    }
  }

  private isFresh(entry: Entry<unknown>, freshMs: number): boolean {
    return this.now() - entry.storedAt < freshMs;
  }

  private remember(key: string, entry: Entry<unknown>): void {
    this.local.delete(key);
    this.local.set(key, entry);
    if (this.local.size > LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value as string);
  }

  private answer<T>(value: T, cache: CacheStatus): Cached<T> {
    this.metrics.cacheLookups.inc({ cache: this.options.name, result: cache.toLowerCase() });
    return { value, cache };
  }
}

import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { RedisConnection } from '../redis/redis-connection';

/** A cache call slower than this is treated as a miss: a sick Redis must not slow every request down. */
const OPERATION_TIMEOUT_MS = 250;

/**
 * The application's cache: Redis when configured, otherwise in process. Every
 * failure (Redis down, slow, evicted) degrades to "not cached" and never fails
 * the request that asked.
 */
@Injectable()
export class AppCache {
  private readonly logger = new Logger('Cache');
  private lastFailureLoggedAt = 0;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly redis: RedisConnection,
  ) {}

  get backend(): 'redis' | 'memory' {
    return this.redis.configured ? 'redis' : 'memory';
  }

  /** True when the backend can answer right now (always for the in-process cache). */
  async healthy(): Promise<boolean> {
    return this.redis.configured ? this.redis.ping() : true;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.redis.configured && !this.redis.ready) return undefined;
    const value = await this.guard(() => this.cache.get<T>(key));
    return value ?? undefined;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (this.redis.configured && !this.redis.ready) return;
    await this.guard(() => this.cache.set(key, value, ttlMs));
  }

  private async guard<R>(operation: () => Promise<R>): Promise<R | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), OPERATION_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logFailure(error as Error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private logFailure(error: Error): void {
    const now = Date.now();
    if (now - this.lastFailureLoggedAt < 10_000) return;
    this.lastFailureLoggedAt = now;
    this.logger.warn({ msg: 'cache operation failed; continuing without cache', error: error.message });
  }
}

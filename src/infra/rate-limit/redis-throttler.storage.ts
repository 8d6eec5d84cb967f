import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { RedisConnection } from '../redis/redis-connection';

/** One fixed window per key: count the hit, start the window on the first one, report what is left. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/**
 * Rate-limit counters in Redis, so every replica counts against the same limit.
 * Without Redis, or while it is unreachable, counting falls back to this
 * process: limits loosen per replica, but no request fails because of it.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new ThrottlerStorageService();
  private lastFallbackLoggedAt = 0;

  constructor(private readonly redis: RedisConnection) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const client = this.redis.client;
    if (client?.isReady) {
      try {
        const [hits, remainingMs] = (await client.eval(HIT_SCRIPT, {
          keys: [`${this.redis.keyPrefix}ratelimit:${throttlerName}:${key}`],
          arguments: [String(ttl)],
        })) as [number, number];
        const secondsLeft = Math.max(1, Math.ceil(remainingMs / 1000));
        const isBlocked = hits > limit;
        return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
      } catch (error) {
        this.logFallback(error as Error);
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private logFallback(error: Error): void {
    const now = Date.now();
    if (now - this.lastFallbackLoggedAt < 10_000) return;
    this.lastFallbackLoggedAt = now;
    this.logger.warn({ msg: 'Redis unavailable; counting rate limits in process', error: error.message });
  }
}

import { Logger } from '@nestjs/common';
import { RedisConnection } from '../redis/redis-connection';

export interface WindowCount {
  /** Hits in the current window (after this one, for `hit`). */
  count: number;
  /** Seconds until the window ends and the count starts again from zero. */
  secondsLeft: number;
}

export type Clock = () => number;

/** Add to each key, start its window on the first hit, report the counts and the time left. */
const HIT_SCRIPT = `
local result = {}
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCRBY', key, ARGV[2])
  if hits < 0 then redis.call('SET', key, 0, 'KEEPTTL') hits = 0 end
  if hits == tonumber(ARGV[2]) then redis.call('PEXPIRE', key, ARGV[1]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, ARGV[1]) ttl = tonumber(ARGV[1]) end
  result[#result + 1] = hits
  result[#result + 1] = ttl
end
return result`;

/** Local windows kept at most; past this the expired ones are swept, then the oldest dropped. */
const MAX_LOCAL_KEYS = 100_000;

/**
 * Fixed-window counters shared by every replica through Redis (one script call
 * counts several keys atomically), kept in this process without Redis or
 * while it is unreachable: limits then hold per replica instead of overall,
 * and no request fails because of it. Built by a factory (its clock is a plain
 * function), so tests move time without sleeping.
 */
export class WindowCounter {
  private readonly logger = new Logger('WindowCounter');
  private readonly local = new Map<string, { count: number; endsAt: number }>();
  private lastFallbackLoggedAt = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly now: Clock = Date.now,
  ) {}

  /** Adds `amount` (1, or -1 to give an attempt back) to every key; answers their counts in order. */
  async hit(keys: string[], windowMs: number, amount = 1): Promise<WindowCount[]> {
    const client = this.redis.client;
    if (client?.isReady) {
      try {
        const flat = (await client.eval(HIT_SCRIPT, {
          keys: keys.map((key) => this.redis.keyPrefix + key),
          arguments: [String(windowMs), String(amount)],
        })) as number[];
        return keys.map((_key, index) => ({ count: flat[2 * index], secondsLeft: secondsOf(flat[2 * index + 1]) }));
      } catch (error) {
        this.logFallback(error as Error);
      }
    }
    return keys.map((key) => this.hitLocally(key, windowMs, amount));
  }

  /** Forgets the key's window (a success that clears a client's own failures). */
  async reset(key: string): Promise<void> {
    this.local.delete(key);
    const client = this.redis.client;
    if (!client?.isReady) return;
    await client.del(this.redis.keyPrefix + key).catch((error: Error) => this.logFallback(error));
  }

  private hitLocally(key: string, windowMs: number, amount: number): WindowCount {
    const now = this.now();
    let window = this.local.get(key);
    if (!window || window.endsAt <= now) {
      this.makeRoom(now);
      window = { count: 0, endsAt: now + windowMs };
      this.local.set(key, window);
    }
    window.count = Math.max(0, window.count + amount);
    return { count: window.count, secondsLeft: secondsOf(window.endsAt - now) };
  }

  private makeRoom(now: number): void {
    if (this.local.size < MAX_LOCAL_KEYS) return;
    for (const [key, window] of this.local) if (window.endsAt <= now) this.local.delete(key);
    if (this.local.size >= MAX_LOCAL_KEYS) this.local.delete(this.local.keys().next().value as string);
  }

  private logFallback(error: Error): void {
    const now = Date.now();
    if (now - this.lastFallbackLoggedAt < 10_000) return;
    this.lastFallbackLoggedAt = now;
    this.logger.warn({ msg: 'Redis unavailable; counting attempts in process', error: error.message });
  }
}

function secondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

import { Logger } from '@nestjs/common';
import { RedisConnection } from '../redis/redis-connection';

export interface RateDecision {
  allowed: boolean;
  /** What this replica knows is left of the limit in the window (approximate across replicas). */
  remaining: number;
  /** Seconds until the window ends (at least 1). */
  resetSeconds: number;
}

interface KeyWindow {
  windowStart: number;
  /** Hits this replica may still admit without asking Redis (what is left of its lease). */
  leased: number;
  /** The window's total as Redis last reported it (all replicas' leases). */
  sharedUsed: number;
  /** Redis said the window is spent: refuse locally until it ends. */
  exhausted: boolean;
  /** Hits counted in process while Redis was unreachable. */
  localHits: number;
  pending?: Promise<void>;
}

/**
 * Each replica leases a slice of the window's limit from Redis (the shared count only grows by what was granted,
 * never past the limit) and admits hits from its slice locally, so a busy user costs one Redis round trip per
 * slice, not per request. The shared total never exceeds the limit; what the limit can lose is the unused rest of
 * other replicas' slices: at most (replicas - 1) x LEASE_FRACTION of it, so within 10 % for up to six replicas.
 */
export const LEASE_FRACTION = 0.02;

const LEASE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local grant = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - used)
if grant < 0 then grant = 0 end
if grant > 0 then
  redis.call('INCRBY', KEYS[1], grant)
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {grant, used + grant}`;

/**
 * Fixed windows aligned on the clock (every replica agrees where a window starts), counted in Redis when it is
 * there, in process otherwise: limits loosen per replica while Redis is down, but no request fails because of it.
 */
export class SharedRateCounter {
  private readonly logger = new Logger('RateLimit');
  private readonly windows = new Map<string, KeyWindow>();
  private prunedWindowStart = 0;
  private lastFallbackLoggedAt = 0;

  constructor(
    private readonly redis: RedisConnection,
    /** Wall-clock milliseconds; tests pin it so that no window ends in the middle of a test. */
    public now: () => number = Date.now,
  ) {}

  /**
   * Counts one hit for `key`. Answers synchronously when this replica's lease covers it (the hot path), else
   * after one exchange with Redis.
   */
  hit(key: string, limit: number, windowMs: number): RateDecision | Promise<RateDecision> {
    const now = this.now();
    const windowStart = now - (now % windowMs);
    const state = this.windowOf(key, windowStart);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    if (state.leased > 0) {
      state.leased -= 1;
      return { allowed: true, remaining: Math.max(0, limit - state.sharedUsed + state.leased), resetSeconds };
    }
    if (state.exhausted) return { allowed: false, remaining: 0, resetSeconds };
    return this.leaseThenHit(key, state, limit, windowMs);
  }

  private async leaseThenHit(key: string, state: KeyWindow, limit: number, windowMs: number): Promise<RateDecision> {
    state.pending ??= this.lease(key, state, limit, windowMs).finally(() => (state.pending = undefined));
    await state.pending;
    const decision = this.hit(key, limit, windowMs);
    // A lease raced away by concurrent hits of the same key: the next exchange decides.
    return decision;
  }

  private async lease(key: string, state: KeyWindow, limit: number, windowMs: number): Promise<void> {
    const client = this.redis.client;
    if (client?.isReady) {
      try {
        const want = Math.max(1, Math.floor(limit * LEASE_FRACTION));
        const [granted, used] = (await client.eval(LEASE_SCRIPT, {
          keys: [`${this.redis.keyPrefix}ratelimit:${key}:${state.windowStart}`],
          arguments: [String(want), String(limit), String(windowMs + 1000)],
        })) as [number, number];
        state.leased += granted;
        state.sharedUsed = used;
        if (granted === 0) state.exhausted = true;
        return;
      } catch (error) {
        this.logFallback(error as Error);
      }
    }
    // No Redis: this replica alone counts, one hit at a time.
    if (state.localHits < limit) {
      state.localHits += 1;
      state.leased += 1;
      state.sharedUsed = state.localHits;
    } else {
      state.exhausted = true;
    }
  }

  private windowOf(key: string, windowStart: number): KeyWindow {
    if (windowStart > this.prunedWindowStart) this.prune(windowStart);
    let state = this.windows.get(key);
    if (!state || state.windowStart !== windowStart) {
      state = { windowStart, leased: 0, sharedUsed: 0, exhausted: false, localHits: 0 };
      this.windows.set(key, state);
    }
    return state;
  }

  /** Once per window: forget the keys of windows that have ended (their leases are worthless now). */
  private prune(windowStart: number): void {
    this.prunedWindowStart = windowStart;
    for (const [key, state] of this.windows) if (state.windowStart < windowStart && !state.pending) this.windows.delete(key);
  }

  private logFallback(error: Error): void {
    const now = Date.now();
    if (now - this.lastFallbackLoggedAt < 10_000) return;
    this.lastFallbackLoggedAt = now;
    this.logger.warn({ msg: 'Redis unavailable; counting rate limits in process', error: error.message });
  }
}

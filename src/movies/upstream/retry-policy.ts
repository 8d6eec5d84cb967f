/**
 * When to try an upstream call again and how long to wait first: exponential
 * backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"), and the upstream's own Retry-After when it gives one.
 */
export interface RetryPolicyOptions {
  /** Retries after the first attempt (UPSTREAM_RETRIES). */
  retries: number;
  /** Backoff base: the first retry waits up to this long. */
  baseDelayMs: number;
  /** No computed backoff is longer than this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails at once, passing the hint on. */
  maxRetryAfterMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY_TIMING = { baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 5000 } as const;

export class RetryPolicy {
  private readonly random: () => number;

  constructor(readonly options: RetryPolicyOptions) {
    this.random = options.random ?? Math.random;
  }

  get retries(): number {
    return this.options.retries;
  }

  /**
   * Milliseconds to wait before retry number `retry` (1-based), or undefined
   * when the upstream asked for a longer pause than we are willing to hold a
   * client request for.
   */
  delayBeforeRetry(retry: number, retryAfterMs?: number): number | undefined {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (retry - 1));
    const jittered = Math.floor(this.random() * ceiling);
    if (retryAfterMs === undefined) return jittered;
    if (retryAfterMs > this.options.maxRetryAfterMs) return undefined;
    return Math.max(jittered, retryAfterMs);
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Notion's documented limit: "an average of three requests per second" per integration, "some bursts beyond the
 * average rate are allowed". Modelled as a token bucket per token: `burst` requests at once, refilled at
 * `requestsPerSecond`.
 */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly requestsPerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Spends one request; returns undefined when allowed, else the whole seconds to wait (the Retry-After value). */
  take(key: string): number | undefined {
    if (this.requestsPerSecond <= 0) return undefined;
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.requestsPerSecond));
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, refilledAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.requestsPerSecond);
    bucket.refilledAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

const WINDOW_MS = 1_000;

/**
 * Airtable's per-base limit: at most `requestsPerSecond` in any one-second
 * window; the request that goes over is refused, and so is every request to
 * the base for `penaltyMs` after it (Airtable's "wait 30 seconds").
 */
export class BaseRateLimiter {
  private admitted: number[] = [];
  private penaltyEndsAt = 0;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly penaltyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  admit(): boolean {
    if (this.requestsPerSecond <= 0) return true;
    const now = this.now();
    if (now < this.penaltyEndsAt) return false;
    this.admitted = this.admitted.filter((time) => time > now - WINDOW_MS);
    if (this.admitted.length >= this.requestsPerSecond) {
      this.penaltyEndsAt = now + this.penaltyMs;
      return false;
    }
    this.admitted.push(now);
    return true;
  }
}

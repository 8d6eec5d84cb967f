/**
 * TMDb's upper limit "sits somewhere in the 40 requests per second range"
 * and is enforced with 429 (status_code 25). A sliding one-second window:
 * refused requests do not count, so a client that waits Retry-After gets in.
 */
export class TmdbRateWindow {
  private readonly admitted: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Undefined when the request is admitted, else the whole seconds to wait (at least 1). */
  admit(): number | undefined {
    const now = this.now();
    while (this.admitted.length > 0 && this.admitted[0] <= now - 1000) this.admitted.shift();
    if (this.admitted.length >= this.perSecond) return Math.max(1, Math.ceil((this.admitted[0] + 1000 - now) / 1000));
    this.admitted.push(now);
    return undefined;
  }
}

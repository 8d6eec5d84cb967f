import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces request starts at least 1/rate seconds apart, across every caller in
 * the process, so no one-second window ever holds more than `rate` requests.
 */
export class RequestThrottle {
  private nextSlotAt = 0;

  constructor(
    /** Read at every call, so a change applies at once; 0 or less turns pacing off. */
    private readonly requestsPerSecond: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const rate = this.requestsPerSecond();
    if (rate <= 0) return;
    const now = this.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / rate;
    if (slot > now) await sleep(slot - now, undefined, { signal });
  }
}

import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the pacer sees it; tests inject a fake one and never sleep real seconds. */
export interface PacerClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** Called when the paced call has its answer (or has failed): its slot stays taken for one more window. */
export type ReleaseSlot = () => void;

/**
 * The client side of an upstream's per-second limit, exact enough to run at the
 * limit itself without one 429. The upstream counts a request when it arrives,
 * which is somewhere between our send and its answer, so spacing sends 1/rate
 * apart is not enough: jitter in the network puts six arrivals in one second.
 * Instead each call holds one of `rate` slots from its send until one window
 * after its answer: the sixth send then comes after the first call's answer plus
 * a window, so it arrives at least a window after the first one did, whatever
 * the latencies. Sends are also spaced window/rate apart, so an upstream that
 * counts with a token bucket instead of a sliding window sees no burst either.
 *
 * Callers are served in arrival order. Sequential callers (a paged listing) lose
 * one answer's latency per `rate` calls: about 2-3 % of the limit at 5/s.
 */
export class UpstreamPacer {
  /** When the windows of answered calls close, oldest first. */
  private readonly closing: number[] = [];
  private inFlight = 0;
  private lastSendAt = -Infinity;
  private queue: Promise<unknown> = Promise.resolve();
  private released?: { promise: Promise<void>; resolve: () => void };

  constructor(
    /** Read at every call, so a change applies at once; 0 or less turns pacing off. */
    private readonly requestsPerWindow: () => number,
    private readonly windowMs = 1000,
    private readonly clock: PacerClock = SYSTEM_CLOCK,
  ) {}

  /** Waits for this caller's turn; call the answer when the upstream has answered. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    const turn = this.queue.then(() => this.takeSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Runs `call` in its turn and releases the slot when it settles. */
  async run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await call();
    } finally {
      release();
    }
  }

  private async takeSlot(signal?: AbortSignal): Promise<ReleaseSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const limit = Math.floor(this.requestsPerWindow());
      if (limit <= 0) return () => undefined;
      const now = this.clock.now();
      while (this.closing.length > 0 && this.closing[0] <= now) this.closing.shift();
      const nextSpacedSend = this.lastSendAt + this.windowMs / limit;
      if (this.inFlight + this.closing.length < limit && nextSpacedSend <= now) {
        this.inFlight += 1;
        this.lastSendAt = now;
        return this.releaser();
      }
      if (this.inFlight + this.closing.length < limit) {
        await this.clock.sleep(nextSpacedSend - now, signal);
      } else if (this.closing.length > 0) {
        await this.clock.sleep(this.closing[0] - now, signal);
      } else {
        // Every slot is held by a call still waiting for its answer: nothing frees up before one answers.
        await this.nextRelease(signal);
      }
    }
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.closing.push(this.clock.now() + this.windowMs);
      const waiting = this.released;
      this.released = undefined;
      waiting?.resolve();
    };
  }

  private nextRelease(signal?: AbortSignal): Promise<void> {
    if (!this.released) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.released = { promise, resolve };
    }
    const { promise } = this.released;
    if (!signal) return promise;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void promise.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

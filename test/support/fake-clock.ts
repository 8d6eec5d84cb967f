import type { PacerClock } from '../../src/infra/pacing/upstream-pacer';

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * Time that moves only when the test says so: `sleep` registers a timer, and
 * `runUntilIdle` settles every pending promise, jumps to the earliest timer,
 * and repeats until nothing is waiting.
 */
export class FakeClock implements PacerClock {
  private time = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      signal?.throwIfAborted();
      const timer: Timer = { at: this.time + Math.max(0, ms), resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  async runUntilIdle(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift() as Timer;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

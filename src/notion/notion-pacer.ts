import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';

export interface PaceSettings {
  /** Average requests per second. */
  requestsPerSecond: number;
  /** Requests that may go at once before the average applies. */
  burst: number;
}

/** Notion allows "an average of three requests per second" per integration; we keep the burst to three too. */
export const NOTION_PACE: PaceSettings = { requestsPerSecond: 3, burst: 3 };

/** After 429s the pace drops to no less than this; each success wins back a twentieth of the full pace. */
const SLOWEST_REQUESTS_PER_SECOND = 0.25;
const RECOVERY_STEPS = 20;

/** Time as the pacer sees it; tests give it a virtual clock so pacing is checked without real waits. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: PacerClock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

/**
 * The client side of Notion's rate limit, shared by every Notion call of the process: a token bucket served
 * in arrival order, so a burst of writes leaves at the allowed pace instead of collecting 429s. A 429 means
 * someone else spends the same budget (another replica, another tool): its Retry-After pauses every caller,
 * and the pace halves, then recovers step by step with each success (additive increase, multiplicative
 * decrease), so the process settles at what Notion actually grants.
 */
@Injectable()
export class NotionPacer {
  private clock = SYSTEM_CLOCK;
  private settings: PaceSettings = NOTION_PACE;
  private rate = NOTION_PACE.requestsPerSecond;
  private tokens = NOTION_PACE.burst;
  private refilledAt = this.clock.now();
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  /** Starts over at this pace (tests that are not about the rate limit lift it; production keeps NOTION_PACE). */
  configure(settings: PaceSettings): void {
    this.settings = settings;
    this.rate = settings.requestsPerSecond;
    this.tokens = settings.burst;
    this.pausedUntil = 0;
  }

  /** Tests only: pace by this clock from now on. */
  useClock(clock: PacerClock): void {
    this.clock = clock;
    this.refilledAt = clock.now();
  }

  /** The current pace, in requests per second. */
  get requestsPerSecond(): number {
    return this.rate;
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.takeToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How long Notion asked everyone to wait from now (0 when not paused). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** Notion answered 429: nobody sends for `ms`, then at half the pace and without a burst. */
  rateLimited(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.rate = Math.max(SLOWEST_REQUESTS_PER_SECOND, this.rate / 2);
    // Nothing accrues during the pause: one request when it ends, then the new pace.
    this.tokens = 1;
    this.refilledAt = this.pausedUntil;
  }

  succeeded(): void {
    this.rate = Math.min(this.settings.requestsPerSecond, this.rate + this.settings.requestsPerSecond / RECOVERY_STEPS);
  }

  private async takeToken(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now > this.refilledAt) {
        this.tokens = Math.min(this.settings.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
        this.refilledAt = now;
      }
      const untilToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000;
      const wait = Math.max(untilToken, this.pausedUntil - now);
      if (wait <= 0) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(wait));
    }
  }
}

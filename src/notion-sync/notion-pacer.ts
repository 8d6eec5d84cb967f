import { Injectable } from '@nestjs/common';

export interface PaceSettings {
  /** Average requests per second. */
  requestsPerSecond: number;
  /** Requests that may go at once before the average applies. */
  burst: number;
}

/** Notion allows "an average of three requests per second" per integration; we keep the burst to three too. */
export const NOTION_PACE: PaceSettings = { requestsPerSecond: 3, burst: 3 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The client side of Notion's rate limit, shared by every Notion call of the process: a token bucket served
 * in arrival order, so a burst of writes leaves at the allowed pace instead of collecting 429s. A 429's
 * Retry-After pauses everyone, not only the caller that met it.
 */
@Injectable()
export class NotionPacer {
  private settings: PaceSettings = NOTION_PACE;
  private tokens = NOTION_PACE.burst;
  private refilledAt = Date.now();
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** Tests that are not about the rate limit speed it up; production keeps NOTION_PACE. */
  configure(settings: PaceSettings): void {
    this.settings = settings;
    this.tokens = Math.min(this.tokens, settings.burst);
  }

  /** Callers queued for a slot right now. */
  get queued(): number {
    return this.waiting;
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    this.waiting += 1;
    const turn = this.queue.then(() => this.takeToken()).finally(() => {
      this.waiting -= 1;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How long Notion asked everyone to wait from now (0 when not paused). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  /** Notion said to wait: nobody sends before then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async takeToken(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const { requestsPerSecond, burst } = this.settings;
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * requestsPerSecond);
      this.refilledAt = now;
      const untilToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / requestsPerSecond) * 1000;
      const wait = Math.max(untilToken, this.pausedUntil - now);
      if (wait <= 0) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(wait));
    }
  }
}

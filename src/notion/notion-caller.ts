import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from '../config/settings';
import { Metrics } from '../infra/metrics/metrics';
import { SpanHandle, traced } from '../infra/tracing/spans';
import { classifyNotionFailure, ClassifiedFailure, NotionCallError } from './notion-call-error';
import { NotionPacer } from './notion-pacer';

/** Longest Retry-After we sit out; beyond it the caller gets a 503 with Retry-After rather than a hung request. */
export const MAX_RETRY_AFTER_MS = 30_000;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5000;

export interface CallOptions {
  /** For the log and the error message, e.g. 'create page'. */
  operation: string;
  /** A write: its timeouts and gateway errors leave us unsure whether it happened. */
  write?: boolean;
}

/**
 * The retry policy of every Notion call, owned here rather than by @notionhq/client (whose retries are
 * off): each attempt is paced under the rate limit and bounded by UPSTREAM_TIMEOUT_MS; retryable failures
 * are retried UPSTREAM_RETRIES times with exponential backoff and jitter. A 429 changed nothing in Notion,
 * so it does not spend a retry: the call waits Retry-After (with everyone) for up to MAX_RETRY_AFTER_MS in
 * all. The attempt function decides what is safe to repeat (a create looks its page up before creating again).
 */
@Injectable()
export class NotionCaller {
  private readonly logger = new Logger('Notion');
  private readonly retries: number;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly pacer: NotionPacer,
    private readonly metrics: Metrics,
  ) {
    this.retries = config.get('upstream', { infer: true }).retries;
  }

  /** One HTTP request to Notion, when the rate limit allows it. */
  async send<T>(request: () => Promise<T>): Promise<T> {
    const pausedMs = this.pacer.pausedForMs();
    if (pausedMs > MAX_RETRY_AFTER_MS) {
      throw new NotionCallError('upstream_unavailable', 'Notion is rate limiting us; try again later.', 429, Math.ceil(pausedMs / 1000));
    }
    await this.pacer.acquire();
    try {
      const result = await request();
      this.pacer.succeeded();
      // Notion answers every success with 200; the SDK does not hand the status on.
      this.metrics.upstreamRequests.inc({ upstream: 'notion', outcome: '200' });
      return result;
    } catch (error) {
      this.metrics.upstreamRequests.inc({ upstream: 'notion', outcome: classifyNotionFailure(error).outcome });
      throw error;
    }
  }

  /** Runs `attempt` until it succeeds, fails for good, or the retries are spent; throws NotionCallError. */
  run<T>(options: CallOptions, attempt: () => Promise<T>): Promise<T> {
    return traced(`notion ${options.operation}`, { 'upstream.name': 'notion', 'upstream.operation': options.operation }, (span) =>
      this.runWithRetries(options, attempt, span),
    );
  }

  private async runWithRetries<T>(options: CallOptions, attempt: () => Promise<T>, span: SpanHandle): Promise<T> {
    let uncertain = false;
    let retriesSpent = 0;
    let rateLimitedMs = 0;
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      span.setAttributes({ 'upstream.attempts': attemptNumber });
      try {
        return await attempt();
      } catch (error) {
        if (error instanceof NotionCallError) throw error;
        const failure = classifyNotionFailure(error);
        uncertain ||= Boolean(options.write) && failure.mayHaveApplied;
        const rateLimited = failure.status === 429;
        const waitMs = rateLimited ? (failure.retryAfterMs ?? backoff(retriesSpent)) : backoff(retriesSpent);
        if (rateLimited) rateLimitedMs += waitMs;
        const giveUp = !failure.retryable || (rateLimited ? rateLimitedMs > MAX_RETRY_AFTER_MS : retriesSpent >= this.retries);
        this.logger.warn({
          msg: `Notion ${options.operation} failed${giveUp ? '' : '; retrying'}`,
          attempt: attemptNumber,
          outcome: failure.outcome,
          detail: failure.detail,
          waitMs: giveUp ? undefined : waitMs,
        });
        // Notion's Retry-After holds back every caller (through the pacer); other failures back off only this one.
        span.addEvent('attempt failed', { attempt: attemptNumber, outcome: failure.outcome, 'retry.delay_ms': giveUp ? -1 : waitMs });
        if (rateLimited) this.pacer.rateLimited(waitMs);
        if (giveUp) throw toCallError(failure, options.operation, uncertain);
        this.metrics.upstreamRetries.inc({ upstream: 'notion' });
        if (!rateLimited) {
          retriesSpent += 1;
          await sleep(waitMs);
        }
      }
    }
  }
}

function backoff(attemptNumber: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attemptNumber);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function toCallError(failure: ClassifiedFailure, operation: string, mayHaveApplied: boolean): NotionCallError {
  const retryAfterSeconds = failure.retryAfterMs !== undefined ? Math.max(1, Math.ceil(failure.retryAfterMs / 1000)) : undefined;
  const message =
    failure.kind === 'upstream_timeout'
      ? `Notion did not answer in time (${operation}).`
      : failure.kind === 'upstream_unavailable'
        ? `Notion is unavailable right now (${operation}); try again later.`
        : failure.kind === 'not_found'
          ? `Notion has no such page (${operation}).`
          : `Notion refused or failed the request (${operation}).`;
  return new NotionCallError(failure.kind, message, failure.status, retryAfterSeconds, mayHaveApplied);
}

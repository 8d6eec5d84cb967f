import { setTimeout as sleep } from 'node:timers/promises';
import { HttpService } from '@nestjs/axios';
import { Injectable, Logger } from '@nestjs/common';
import type { AxiosResponse } from 'axios';
import { UpstreamError } from '../../common/errors/domain-error';
import { Metrics } from '../../infra/metrics/metrics';
import { UpstreamPacer } from '../../infra/pacing/upstream-pacer';
import { SpanHandle, traced } from '../../infra/tracing/spans';
import { parseRetryAfter, RetryPolicy } from './retry-policy';

export const TMDB = 'tmdb';

/** One upstream GET: a path under TMDB_BASE_URL and its query (already in TMDB's snake_case). */
export interface TmdbRequest {
  path: string;
  query: Readonly<Record<string, string>>;
}

/** How one attempt failed, and whether another attempt may help. */
interface AttemptFailure {
  outcome: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  error: UpstreamError;
}

/** For clients built without a pace (unit tests of other behaviour); the module always gives one. */
const UNPACED = new UpstreamPacer(() => 0);

/**
 * Every GET to TMDB goes through here: one pacer in front of every attempt
 * (TMDB_REQUESTS_PER_SECOND per replica, so a burst of cold details waits its
 * turn instead of drawing 429s), a timeout per attempt, retries with
 * backoff on network errors, 5xx and 429 (never on other 4xx), one warning per
 * failed attempt, and counters for the dashboards. Failures leave as
 * UpstreamError whose kind says what the client should see (404, 502, 503, 504).
 */
@Injectable()
export class TmdbHttpClient {
  private readonly logger = new Logger('TmdbHttpClient');

  constructor(
    private readonly http: HttpService,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly metrics: Metrics,
    private readonly pacer: UpstreamPacer = UNPACED,
  ) {}

  /**
   * Runs any other TMDB call (a POST of the account routes) in its turn of the same pace: every request this
   * replica sends to TMDB must go through here or through `get`.
   */
  paced<T>(call: () => Promise<T>): Promise<T> {
    return this.pacer.run(call);
  }

  /** One span per call, its failed attempts as events (the HTTP instrumentation adds a span per attempt). */
  get<T>(request: TmdbRequest): Promise<T> {
    return traced('tmdb GET', { 'upstream.name': TMDB, 'url.path': request.path }, (span) => this.getWithRetries<T>(request, span));
  }

  private async getWithRetries<T>(request: TmdbRequest, span: SpanHandle): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt<T>(request);
      span.setAttributes({ 'upstream.attempts': attempt });
      if (!('failure' in result)) return result.data;
      const { failure } = result;
      const retriesLeft = attempt <= this.policy.retries;
      const delayMs = failure.retryable && retriesLeft ? this.policy.delayBeforeRetry(attempt, failure.retryAfterMs) : undefined;
      // A 404 is an answer (no such movie), not a failure worth a warning.
      this.logger[failure.status === 404 ? 'debug' : 'warn']({
        msg: 'upstream request failed',
        upstream: TMDB,
        path: request.path,
        status: failure.status ?? failure.outcome,
        attempt,
        maxAttempts: this.policy.retries + 1,
        willRetry: delayMs !== undefined,
        delayMs,
      });
      span.addEvent('attempt failed', { attempt, outcome: failure.outcome, 'retry.delay_ms': delayMs ?? -1 });
      if (delayMs === undefined) throw failure.error;
      this.metrics.upstreamRetries.inc({ upstream: TMDB });
      await sleep(delayMs);
    }
  }

  private async attempt<T>(request: TmdbRequest): Promise<{ data: T } | { failure: AttemptFailure }> {
    // The timeout counts from the send, not from the wait for a turn.
    const release = await this.pacer.acquire();
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.timeoutMs);
    let response: AxiosResponse<unknown>;
    try {
      response = await this.http.axiosRef.get(request.path, {
        params: request.query,
        signal: abort.signal,
        validateStatus: () => true,
      });
    } catch (error) {
      const failure = timedOut ? timeoutFailure(this.timeoutMs) : networkFailure(error as { code?: string });
      this.metrics.upstreamRequests.inc({ upstream: TMDB, outcome: failure.outcome });
      return { failure };
    } finally {
      clearTimeout(timer);
      release();
    }
    this.metrics.upstreamRequests.inc({ upstream: TMDB, outcome: String(response.status) });
    if (response.status >= 200 && response.status < 300) {
      if (typeof response.data === 'object' && response.data !== null) return { data: response.data as T };
      // A 200 that is not JSON comes from something in front of TMDB (a proxy's error page); another try may pass it.
      return {
        failure: {
          outcome: 'invalid_body',
          status: response.status,
          retryable: true,
          error: new UpstreamError('upstream_failed', TMDB, 'TMDB answered something that is not JSON.', response.status),
        },
      };
    }
    return { failure: statusFailure(response) };
  }
}

function timeoutFailure(timeoutMs: number): AttemptFailure {
  return {
    outcome: 'timeout',
    retryable: true,
    error: new UpstreamError('upstream_timeout', TMDB, `TMDB did not answer within ${timeoutMs} ms.`),
  };
}

function networkFailure(error: { code?: string }): AttemptFailure {
  return {
    outcome: 'network',
    retryable: true,
    error: new UpstreamError('upstream_failed', TMDB, `TMDB could not be reached (${error.code ?? 'network error'}).`),
  };
}

/** TMDB's error bodies carry `status_code`/`status_message` (or, for old page errors, `errors`). */
function statusFailure(response: AxiosResponse<unknown>): AttemptFailure {
  const status = response.status;
  const tmdbCode = (response.data as { status_code?: unknown } | undefined)?.status_code;
  const base = { outcome: String(status), status };
  if (status === 404) {
    return { ...base, retryable: false, error: new UpstreamError('not_found', TMDB, 'TMDB has no such resource.', status) };
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
    const what = status === 429 ? `TMDB is rate limiting us (status_code ${String(tmdbCode ?? 25)})` : 'TMDB is temporarily unavailable';
    return {
      ...base,
      retryable: true,
      retryAfterMs,
      error: new UpstreamError('upstream_unavailable', TMDB, `${what}; try again shortly.`, status, retryAfterMs && retryAfterMs / 1000),
    };
  }
  if (status === 504) {
    return { ...base, retryable: true, error: new UpstreamError('upstream_timeout', TMDB, 'TMDB timed out answering.', status) };
  }
  if (status >= 500) {
    return { ...base, retryable: true, error: new UpstreamError('upstream_failed', TMDB, `TMDB failed (HTTP ${status}).`, status) };
  }
  // 401 (our token), 400/422 (a request we should not have sent): retrying cannot help, and it is our fault, not the client's.
  return {
    ...base,
    retryable: false,
    error: new UpstreamError('upstream_failed', TMDB, `TMDB refused the request (HTTP ${status}).`, status),
  };
}

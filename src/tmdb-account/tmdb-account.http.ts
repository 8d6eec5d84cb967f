import { HttpService } from '@nestjs/axios';
import { Logger } from '@nestjs/common';
import type { AxiosResponse } from 'axios';
import { UpstreamError } from '../common/errors/domain-error';
import { Metrics } from '../infra/metrics/metrics';
import { parseRetryAfter, RetryPolicy } from '../movies/upstream/retry-policy';

const TMDB = 'tmdb';

/**
 * One call to TMDb on a user's behalf. `operation` names it in logs and errors:
 * paths and queries are never logged, because v3 account routes carry the
 * user's session id in the query.
 */
export interface AccountCall {
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute: under TMDB_BASE_URL (v3) or its `/4` sibling. */
  url: string;
  query?: Readonly<Record<string, string | number>>;
  body?: Readonly<Record<string, unknown>>;
  /**
   * False for calls that must not run twice (turning a single-use request token into
   * an access token): they are retried only when TMDb surely did not act (429).
   */
  idempotent: boolean;
}

/** TMDb's answer as it came: our adapter decides what a 401 or a 404 means for each call. */
export interface AccountAnswer<T> {
  status: number;
  body: T;
  /** TMDb's `status_code` of an error body, when it gave one. */
  tmdbCode?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one attempt in its turn of the replica's TMDB pace (TMDB_REQUESTS_PER_SECOND), shared with the movie reads. */
export type Pace = <T>(attempt: () => Promise<T>) => Promise<T>;
const UNPACED: Pace = (attempt) => attempt();

/**
 * HTTP to TMDb's user and account routes: the application's read token as
 * Bearer, a timeout per attempt, retries with backoff (the movies client's
 * RetryPolicy, honouring Retry-After) on network errors, timeouts, 5xx and 429.
 * Any other answer, 2xx or 4xx, is handed back for the adapter to read.
 */
export class TmdbAccountHttp {
  private readonly logger = new Logger('TmdbAccountHttp');

  constructor(
    private readonly http: HttpService,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly metrics: Metrics,
    private readonly pace: Pace = UNPACED,
  ) {}

  async call<T>(call: AccountCall): Promise<AccountAnswer<T>> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.pace(() => this.attempt<T>(call));
      if ('answer' in outcome) return outcome.answer;
      const { failure } = outcome;
      const mayRetry = failure.retryable && (call.idempotent || failure.status === 429) && attempt <= this.policy.retries;
      const delayMs = mayRetry ? this.policy.delayBeforeRetry(attempt, failure.retryAfterMs) : undefined;
      this.logger.warn({
        msg: 'upstream request failed',
        upstream: TMDB,
        operation: call.operation,
        status: failure.status ?? failure.outcome,
        attempt,
        willRetry: delayMs !== undefined,
        delayMs,
      });
      if (delayMs === undefined) throw failure.error;
      this.metrics.upstreamRetries.inc({ upstream: TMDB });
      await sleep(delayMs);
    }
  }

  private async attempt<T>(call: AccountCall): Promise<{ answer: AccountAnswer<T> } | { failure: Failure }> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.timeoutMs);
    let response: AxiosResponse<unknown>;
    try {
      response = await this.http.axiosRef.request({
        method: call.method,
        url: call.url,
        params: call.query,
        data: call.body,
        signal: abort.signal,
        validateStatus: () => true,
      });
    } catch (error) {
      // Never the error itself: axios errors carry the request, session id and all.
      const failure = timedOut
        ? {
            outcome: 'timeout',
            retryable: true,
            error: new UpstreamError('upstream_timeout', TMDB, `TMDB did not answer within ${this.timeoutMs} ms (${call.operation}).`),
          }
        : {
            outcome: 'network',
            retryable: true,
            error: new UpstreamError(
              'upstream_failed',
              TMDB,
              `TMDB could not be reached (${(error as { code?: string }).code ?? 'network error'}).`,
            ),
          };
      this.metrics.upstreamRequests.inc({ upstream: TMDB, outcome: failure.outcome });
      return { failure };
    } finally {
      clearTimeout(timer);
    }
    this.metrics.upstreamRequests.inc({ upstream: TMDB, outcome: String(response.status) });
    const status = response.status;
    const body = response.data;
    const isObject = typeof body === 'object' && body !== null;
    if (status === 429 || status >= 500 || (status < 300 && !isObject)) return { failure: serverFailure(call, response) };
    const tmdbCode = isObject ? (body as { status_code?: unknown }).status_code : undefined;
    return { answer: { status, body: body as T, tmdbCode: typeof tmdbCode === 'number' ? tmdbCode : undefined } };
  }
}

interface Failure {
  outcome: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  error: UpstreamError;
}

function serverFailure(call: AccountCall, response: AxiosResponse<unknown>): Failure {
  const status = response.status;
  const base = { outcome: String(status), status, retryable: true };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
    const what = status === 429 ? 'TMDB is rate limiting us' : 'TMDB is temporarily unavailable';
    return {
      ...base,
      retryAfterMs,
      error: new UpstreamError('upstream_unavailable', TMDB, `${what}; try again shortly.`, status, retryAfterMs && retryAfterMs / 1000),
    };
  }
  if (status === 504) return { ...base, error: new UpstreamError('upstream_timeout', TMDB, 'TMDB timed out answering.', status) };
  if (status < 300)
    return {
      ...base,
      error: new UpstreamError('upstream_failed', TMDB, `TMDB answered something that is not JSON (${call.operation}).`, status),
    };
  return { ...base, error: new UpstreamError('upstream_failed', TMDB, `TMDB failed (HTTP ${status}).`, status) };
}

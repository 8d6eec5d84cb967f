import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Airtable from 'airtable';
import { setTimeout as sleep } from 'node:timers/promises';
import { NotConfiguredError, UpstreamError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { Metrics } from '../infra/metrics/metrics';
import { UpstreamPacer } from '../infra/pacing/upstream-pacer';
import { SpanHandle, traced } from '../infra/tracing/spans';
import { AirtablePage, AirtablePort, AirtableRecord, ListRecordsOptions, RecordUpdate } from './airtable.port';
import { AirtableClientOptions } from './orders.options';

const UPSTREAM = 'airtable';
/** airtable.js switches to POST .../listRecords above this URL length (Airtable refuses URLs over 16k). */
const URL_LENGTH_LIMIT = 15_000;
const MAX_RECORDS_PER_WRITE = 10;
const ITERATOR_EXPIRED = 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE';

/** An Airtable call that failed for good; `airtableType` is Airtable's error type when it sent one. */
export class AirtableCallError extends UpstreamError {
  constructor(
    kind: UpstreamError['kind'],
    message: string,
    upstreamStatus: number | undefined,
    readonly airtableType: string | undefined,
    retryAfterSeconds?: number,
  ) {
    super(kind, UPSTREAM, message, upstreamStatus, retryAfterSeconds);
  }
}

interface Failure {
  error: AirtableCallError;
  rateLimited: boolean;
  retryable: boolean;
}

interface Request {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  qs?: Record<string, unknown>;
  body?: unknown;
}

/**
 * The Orders table through the `airtable` package. airtable.js's own 429 retry
 * (0-5 s of jittered backoff) would hit Airtable's 30-second penalty again and
 * again, so it is switched off (`noRetryIfRateLimited`) and this adapter paces
 * requests (AIRTABLE_REQUESTS_PER_SECOND in any one-second window, see
 * UpstreamPacer), waits out a 429 and retries server errors itself.
 */
@Injectable()
export class AirtableAdapter extends AirtablePort {
  private readonly logger = new Logger('Airtable');
  private readonly settings: Settings['airtable'];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly pacer: UpstreamPacer;
  private base?: Airtable.Base;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly metrics: Metrics,
    private readonly options: AirtableClientOptions,
  ) {
    super();
    this.settings = config.get('airtable', { infer: true });
    const upstream = config.get('upstream', { infer: true });
    this.timeoutMs = upstream.timeoutMs;
    this.retries = upstream.retries;
    this.pacer = new UpstreamPacer(() => this.options.requestsPerSecond);
  }

  isConfigured(): boolean {
    return Boolean(this.settings.token && this.settings.baseId && this.settings.tableId);
  }

  /**
   * Pages in order. The next page is asked for as soon as this one arrives, while the caller stores it: a listing
   * then moves at the pacer's speed instead of the sum of Airtable's and the database's times per page.
   */
  async *listRecords(options: ListRecordsOptions = {}): AsyncIterable<AirtablePage> {
    const params: Record<string, unknown> = { pageSize: options.pageSize ?? 100 };
    if (options.filterByFormula !== undefined) params.filterByFormula = options.filterByFormula;
    if (options.fields) params.fields = options.fields;
    type Page = { records?: AirtableRecord[]; offset?: string };
    const fetchPage = (offset: string | undefined): Promise<Page> => {
      const pending = this.call(this.listRequest(offset ? { ...params, offset } : params), options.signal) as Promise<Page>;
      // Awaited below; if the caller stops reading first, its failure must not surface as unhandled.
      pending.catch(() => undefined);
      return pending;
    };
    let offset: string | undefined;
    let restarted = false;
    let next = fetchPage(undefined);
    for (;;) {
      let page: Page;
      try {
        page = await next;
      } catch (error) {
        // Airtable's list iterators expire; the only way on is to list again from the start.
        if (!(error instanceof AirtableCallError) || error.airtableType !== ITERATOR_EXPIRED || offset === undefined) throw error;
        this.logger.warn({ msg: 'list offset expired: restarting the listing', offset });
        offset = undefined;
        restarted = true;
        next = fetchPage(undefined);
        continue;
      }
      if (page.offset) next = fetchPage(page.offset);
      yield { records: page.records ?? [], restarted };
      if (!page.offset) return;
      offset = page.offset;
      restarted = false;
    }
  }

  async updateRecords(updates: RecordUpdate[]): Promise<AirtableRecord[]> {
    const updated: AirtableRecord[] = [];
    for (let start = 0; start < updates.length; start += MAX_RECORDS_PER_WRITE) {
      const records = updates.slice(start, start + MAX_RECORDS_PER_WRITE).map(({ id, fields }) => ({ id, fields }));
      const body = (await this.call({ method: 'PATCH', path: this.tablePath(), body: { records } })) as { records: AirtableRecord[] };
      updated.push(...body.records);
    }
    return updated;
  }

  /** GET with the parameters in the query, or POST .../listRecords with them in the body when the URL would be too long. */
  private listRequest(params: Record<string, unknown>): Request {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(Array.isArray(value) ? `${key}[]` : key, String(item));
    }
    const url = `${this.settings.endpointUrl}/v0/${this.settings.baseId}${this.tablePath()}?${query}`;
    if (url.length > URL_LENGTH_LIMIT) return { method: 'POST', path: `${this.tablePath()}/listRecords`, body: params };
    return { method: 'GET', path: this.tablePath(), qs: params };
  }

  private tablePath(): string {
    return `/${encodeURIComponent(this.settings.tableId ?? '')}`;
  }

  private client(): Airtable.Base {
    if (!this.isConfigured()) {
      throw new NotConfiguredError(
        'AirtableNotConfigured',
        'Airtable is not configured on this server (AIRTABLE_TOKEN, AIRTABLE_BASE_ID and AIRTABLE_TABLE_ID); orders cannot be imported or edited.',
      );
    }
    this.base ??= new Airtable({
      apiKey: this.settings.token,
      endpointUrl: this.settings.endpointUrl,
      noRetryIfRateLimited: true,
      requestTimeout: this.timeoutMs,
    }).base(this.settings.baseId as string);
    return this.base;
  }

  /** One request, paced, with the 429 wait and retries of transient failures. */
  private async call(request: Request, signal?: AbortSignal): Promise<unknown> {
    const base = this.client();
    return traced(`airtable ${request.method}`, { 'upstream.name': UPSTREAM, 'url.path': request.path }, (span) =>
      this.callWithRetries(base, request, span, signal),
    );
  }

  private async callWithRetries(base: Airtable.Base, request: Request, span: SpanHandle, signal?: AbortSignal): Promise<unknown> {
    let retries = 0;
    let rateLimitWaits = 0;
    for (let attempt = 1; ; attempt += 1) {
      span.setAttributes({ 'upstream.attempts': attempt });
      const release = await this.pacer.acquire(signal);
      const startedAt = Date.now();
      try {
        const response = await base.makeRequest(request).finally(release);
        this.metrics.upstreamRequests.inc({ upstream: UPSTREAM, outcome: String(response.statusCode) });
        return response.body;
      } catch (error) {
        const failure = this.classify(error, Date.now() - startedAt);
        this.metrics.upstreamRequests.inc({ upstream: UPSTREAM, outcome: outcomeOf(failure.error) });
        const context = {
          method: request.method,
          path: request.path,
          status: failure.error.upstreamStatus,
          type: failure.error.airtableType,
        };
        span.addEvent('attempt failed', { attempt, outcome: outcomeOf(failure.error) });
        if (failure.rateLimited && rateLimitWaits < this.options.maxRateLimitWaits) {
          rateLimitWaits += 1;
          this.logger.warn({ msg: `Airtable rate limit: waiting ${this.options.rateLimitPauseMs} ms`, ...context });
          await sleep(this.options.rateLimitPauseMs, undefined, { signal });
          continue;
        }
        if (failure.retryable && retries < this.retries) {
          retries += 1;
          this.metrics.upstreamRetries.inc({ upstream: UPSTREAM });
          const delayMs = this.options.retryBaseDelayMs * 2 ** (retries - 1) * (0.5 + Math.random() / 2);
          this.logger.warn({
            msg: `Airtable call failed: retry ${retries}/${this.retries} in ${Math.round(delayMs)} ms`,
            ...context,
            error: failure.error.message,
          });
          await sleep(delayMs, undefined, { signal });
          continue;
        }
        this.logger.warn({ msg: 'Airtable call failed', ...context, error: failure.error.message });
        throw failure.error;
      }
    }
  }

  private classify(error: unknown, elapsedMs: number): Failure {
    const { error: type, message, statusCode } = (error ?? {}) as { error?: string; message?: string; statusCode?: number | null };
    const status = typeof statusCode === 'number' ? statusCode : undefined;
    const fail = (kind: UpstreamError['kind'], text: string, retryable: boolean, rateLimited = false, retryAfter?: number): Failure => ({
      error: new AirtableCallError(kind, text, status, type, retryAfter),
      retryable,
      rateLimited,
    });
    if (status === undefined) {
      const timedOut = /abort/i.test(message ?? '') || elapsedMs >= this.timeoutMs;
      return timedOut
        ? fail('upstream_timeout', `Airtable did not answer within ${this.timeoutMs} ms.`, true)
        : fail('upstream_unavailable', 'Airtable could not be reached.', true);
    }
    if (status === 429) {
      return fail('upstream_unavailable', 'Airtable is rate limiting this base; try again in 30 seconds.', false, true, 30);
    }
    if (status === 404 || type === 'ROW_DOES_NOT_EXIST') return fail('not_found', 'Airtable has no such base, table or record.', false);
    if (status === 401 || status === 403) return fail('upstream_failed', 'Airtable refused the configured credentials.', false);
    if (status === 504) return fail('upstream_timeout', 'Airtable timed out.', true);
    if (status === 408 || status >= 500)
      return fail(status === 503 ? 'upstream_unavailable' : 'upstream_failed', `Airtable failed (HTTP ${status}).`, true);
    return fail('upstream_failed', `Airtable refused the request (HTTP ${status}${type ? `, ${type}` : ''}).`, false);
  }
}

function outcomeOf(error: AirtableCallError): string {
  if (error.upstreamStatus !== undefined) return String(error.upstreamStatus);
  return error.kind === 'upstream_timeout' ? 'timeout' : 'network';
}

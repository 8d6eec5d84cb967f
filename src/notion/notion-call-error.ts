import { APIResponseError, isHTTPResponseError, RequestTimeoutError } from '@notionhq/client';
import { UpstreamError } from '../common/errors/domain-error';

export type NotionFailureKind = 'upstream_failed' | 'upstream_unavailable' | 'upstream_timeout' | 'not_found';

/** A Notion call that failed for good (retries spent, or not worth retrying). */
export class NotionCallError extends UpstreamError {
  constructor(
    kind: NotionFailureKind,
    message: string,
    status?: number,
    retryAfterSeconds?: number,
    /** The write may have happened although we got no answer (timeout, dropped connection, gateway error). */
    readonly mayHaveApplied = false,
  ) {
    super(kind, 'notion', message, status, retryAfterSeconds);
  }
}

export interface ClassifiedFailure {
  kind: NotionFailureKind;
  /** Worth another attempt (for a write, only when the operation is idempotent or looked up first). */
  retryable: boolean;
  mayHaveApplied: boolean;
  /** Notion's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  status?: number;
  /** The metrics/log label: a status code, 'timeout' or 'network'. */
  outcome: string;
  detail: string;
}

export const ARCHIVED_MESSAGE = /archived/i;

/** Notion's answer when a page already in the trash is edited or trashed again. */
export function isArchivedRefusal(error: unknown): boolean {
  return APIResponseError.isAPIResponseError(error) && error.status === 400 && ARCHIVED_MESSAGE.test(error.message);
}

/**
 * How a failure of @notionhq/client should be handled and shown: timeouts are 504; rate limits and
 * unavailability 503; anything else 502. Only failures that may have reached Notion's storage are marked
 * mayHaveApplied, so a 429 or 503 never triggers a compensation.
 */
export function classifyNotionFailure(error: unknown): ClassifiedFailure {
  if (RequestTimeoutError.isRequestTimeoutError(error)) {
    return {
      kind: 'upstream_timeout',
      retryable: true,
      mayHaveApplied: true,
      outcome: 'timeout',
      detail: 'Notion did not answer in time.',
    };
  }
  if (isHTTPResponseError(error)) {
    const status = error.status;
    const base = { status, outcome: String(status), detail: `Notion answered ${status}${'code' in error ? ` ${error.code}` : ''}.` };
    if (status === 429) {
      return { ...base, kind: 'upstream_unavailable', retryable: true, mayHaveApplied: false, retryAfterMs: retryAfterMs(error.headers) };
    }
    if (status === 503 || status === 529) return { ...base, kind: 'upstream_unavailable', retryable: true, mayHaveApplied: false };
    if (status === 504) return { ...base, kind: 'upstream_timeout', retryable: true, mayHaveApplied: true };
    if (status === 409) return { ...base, kind: 'upstream_failed', retryable: true, mayHaveApplied: false };
    if (status >= 500) return { ...base, kind: 'upstream_failed', retryable: true, mayHaveApplied: true };
    if (status === 404) return { ...base, kind: 'not_found', retryable: false, mayHaveApplied: false };
    return {
      ...base,
      kind: 'upstream_failed',
      retryable: false,
      mayHaveApplied: false,
      detail: `${base.detail} ${error.message}`.slice(0, 300),
    };
  }
  if (error instanceof TypeError || isSocketError(error)) {
    return {
      kind: 'upstream_unavailable',
      retryable: true,
      mayHaveApplied: true,
      outcome: 'network',
      detail: 'Notion could not be reached.',
    };
  }
  return { kind: 'upstream_failed', retryable: false, mayHaveApplied: false, outcome: 'error', detail: 'The Notion call failed.' };
}

function isSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONN|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR)/.test(code);
}

function retryAfterMs(headers: unknown): number | undefined {
  const raw = headers instanceof Headers ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

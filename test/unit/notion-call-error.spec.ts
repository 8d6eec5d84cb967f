import { APIErrorCode, APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';
import { classifyNotionFailure, isArchivedRefusal } from '../../src/notion/notion-call-error';

function apiError(status: number, code: string, message = 'message', headers: Record<string, string> = {}): APIResponseError {
  return new (APIResponseError as unknown as new (args: object) => APIResponseError)({
    code,
    status,
    message,
    headers: new Headers(headers),
    rawBodyText: '{}',
    additional_data: undefined,
    request_id: undefined,
  });
}

describe('classifyNotionFailure', () => {
  it('maps timeouts to 504 and marks them as possibly applied', () => {
    expect(classifyNotionFailure(new RequestTimeoutError())).toMatchObject({
      kind: 'upstream_timeout',
      retryable: true,
      mayHaveApplied: true,
      outcome: 'timeout',
    });
  });

  it.each([
    [429, APIErrorCode.RateLimited, 'upstream_unavailable', true, false],
    [503, APIErrorCode.ServiceUnavailable, 'upstream_unavailable', true, false],
    [529, APIErrorCode.ServiceOverload, 'upstream_unavailable', true, false],
    [504, APIErrorCode.GatewayTimeout, 'upstream_timeout', true, true],
    [500, APIErrorCode.InternalServerError, 'upstream_failed', true, true],
    [409, APIErrorCode.ConflictError, 'upstream_failed', true, false],
    [404, APIErrorCode.ObjectNotFound, 'not_found', false, false],
    [400, APIErrorCode.ValidationError, 'upstream_failed', false, false],
    [401, APIErrorCode.Unauthorized, 'upstream_failed', false, false],
  ])('maps %i %s to %s (retryable %s, may have applied %s)', (status, code, kind, retryable, mayHaveApplied) => {
    expect(classifyNotionFailure(apiError(status, code))).toMatchObject({
      kind,
      retryable,
      mayHaveApplied,
      status,
      outcome: String(status),
    });
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(classifyNotionFailure(apiError(429, APIErrorCode.RateLimited, 'slow down', { 'retry-after': '2' })).retryAfterMs).toBe(2000);
    const date = new Date(Date.now() + 5000).toUTCString();
    const fromDate = classifyNotionFailure(apiError(429, APIErrorCode.RateLimited, 'slow down', { 'retry-after': date })).retryAfterMs;
    expect(fromDate).toBeGreaterThan(3000);
    expect(
      classifyNotionFailure(apiError(429, APIErrorCode.RateLimited, 'slow down', { 'retry-after': 'soon' })).retryAfterMs,
    ).toBeUndefined();
  });

  it("treats Notion's undocumented 502 as a possibly applied failure", () => {
    const badGateway = new UnknownHTTPResponseError({
      status: 502,
      message: undefined,
      headers: new Headers(),
      rawBodyText: 'Bad Gateway',
    });
    expect(classifyNotionFailure(badGateway)).toMatchObject({ kind: 'upstream_failed', retryable: true, mayHaveApplied: true });
  });

  it('treats a refused or reset connection as unavailable and possibly applied', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyNotionFailure(refused)).toMatchObject({ kind: 'upstream_unavailable', retryable: true, outcome: 'network' });
    expect(classifyNotionFailure(reset)).toMatchObject({ kind: 'upstream_unavailable', mayHaveApplied: true });
  });

  it('does not retry anything else', () => {
    expect(classifyNotionFailure(new Error('bug'))).toMatchObject({ kind: 'upstream_failed', retryable: false, outcome: 'error' });
  });

  it("recognises Notion's refusal to edit a page in the trash", () => {
    expect(
      isArchivedRefusal(
        apiError(400, APIErrorCode.ValidationError, "Can't edit block that is archived. You must unarchive the block before editing."),
      ),
    ).toBe(true);
    expect(isArchivedRefusal(apiError(400, APIErrorCode.ValidationError, 'Rating is expected to be number.'))).toBe(false);
  });
});

import { HttpException } from '@nestjs/common';
import { DomainError, ErrorKind, InvalidInputError, OverloadedError, RateLimitedError, UpstreamError } from './domain-error';
import { makeProblem, Problem } from './problem';
import { ValidationProblemException } from './validation-problem.exception';

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected errors are logged with their stack; expected ones are not noise. */
  unexpected: boolean;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  overloaded: 503,
  not_configured: 503,
  upstream_failed: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
};

const BEARER_CHALLENGE = 'Bearer realm="cinemateca"';

/** Turns anything thrown while serving a request into problem details, never leaking internals. */
export function mapErrorToProblem(error: unknown, instance: string): MappedProblem {
  const headers: Record<string, string> = {};

  if (error instanceof ValidationProblemException) {
    return {
      problem: makeProblem(400, 'The request is invalid.', instance, { code: 'ValidationFailed', errors: error.fieldErrors }),
      headers,
      unexpected: false,
    };
  }

  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    if (status === 401) headers['www-authenticate'] = BEARER_CHALLENGE;
    const retryAfter =
      error instanceof UpstreamError || error instanceof RateLimitedError || error instanceof OverloadedError
        ? error.retryAfterSeconds
        : undefined;
    if (retryAfter !== undefined && (status === 503 || status === 429)) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
    const errors = error instanceof InvalidInputError && error.fieldErrors.length > 0 ? error.fieldErrors : undefined;
    return {
      problem: makeProblem(status, error.message, instance, { code: error.code, ...error.details, ...(errors ? { errors } : {}) }),
      headers,
      unexpected: false,
    };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 401) headers['www-authenticate'] = BEARER_CHALLENGE;
    return { problem: makeProblem(status, httpExceptionDetail(error), instance), headers, unexpected: status >= 500 };
  }

  // Errors raised by Fastify itself (body too large, malformed JSON, unsupported media type).
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return { problem: makeProblem(fastifyStatus, fastifyDetail(error as Error, fastifyStatus), instance), headers, unexpected: false };
  }

  return {
    problem: makeProblem(500, 'An unexpected error occurred. It has been logged.', instance),
    headers,
    unexpected: true,
  };
}

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return error.message;
}

function fastifyDetail(error: Error, status: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'The request body is larger than the server accepts.';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return 'The request body has an unsupported content type; send application/json.';
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty but declared as JSON.';
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The request body is not valid JSON.';
  return error.message.slice(0, 200);
}

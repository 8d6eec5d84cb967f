/**
 * What kind of failure a domain error is. The HTTP layer maps kinds to status
 * codes; services and adapters never speak HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'overloaded'
  | 'not_configured'
  | 'upstream_failed'
  | 'upstream_unavailable'
  | 'upstream_timeout';

export interface FieldError {
  field: string;
  message: string;
}

/** Base of every error a service throws on purpose; `code` is stable for clients and logs. */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: string,
    message: string,
    /** Extra problem members safe to show to the client (e.g. the running sync's id). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';

  constructor(
    code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code, message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Too many attempts from this client (or at this account): 429 with Retry-After. */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';

  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

/** This replica has more of some work queued than it accepts: 503 with Retry-After. */
export class OverloadedError extends DomainError {
  readonly kind = 'overloaded';

  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

export class NotConfiguredError extends DomainError {
  readonly kind = 'not_configured';
}

/** An upstream (TMDB, Notion, Airtable) failed; `kind` says how, so the client gets 502, 503 or 504. */
export class UpstreamError extends DomainError {
  constructor(
    readonly kind: 'upstream_failed' | 'upstream_unavailable' | 'upstream_timeout' | 'not_found' | 'invalid',
    readonly upstream: string,
    message: string,
    readonly upstreamStatus?: number,
    /** Seconds the upstream asked us to wait, when it said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Upstream${kind === 'upstream_timeout' ? 'Timeout' : kind === 'not_found' ? 'NotFound' : 'Unavailable'}`, message);
  }
}

import type { HeaderObject, ReferenceObject } from '@nestjs/swagger';

/**
 * The response headers of the API, documented once in `components.headers`
 * and referred to by every response that carries them (see
 * infra/http/openapi-conventions.ts, which adds the ones every response has).
 */
export const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description:
      "Identifies this request in our logs: the client's own X-Request-Id when it sent a sane one (1 to 128 of A-Z a-z 0-9 . _ : -), else a new UUID. Quote it when reporting a problem.",
    schema: { type: 'string', example: '4f1c2a9e-8d3b-4b7a-9c61-2e5f0a7d1b33' },
  },
  ETag: {
    description:
      'Strong entity tag of this JSON (a compressed copy has its coding appended, e.g. "…-br"). Send it back in If-None-Match: an unchanged answer is 304 with no body.',
    schema: { type: 'string', example: '"2jmj7l5rSw0yVb/vlWAYkK/YBwk="' },
  },
  Link: {
    description:
      "RFC 8288 links to the first, prev, next and last pages, where they exist; each keeps the request's other query parameters. Targets are relative to the request URL.",
    schema: {
      type: 'string',
      example:
        '</api/v1/catalog/movies?year=1999&page=1>; rel="first", </api/v1/catalog/movies?year=1999&page=3>; rel="next", </api/v1/catalog/movies?year=1999&page=5>; rel="last"',
    },
  },
  Location: {
    description: 'The URL of the resource this request created (path-absolute).',
    schema: { type: 'string', example: '/api/v1/catalog/movies/42' },
  },
  'X-Cache': {
    description: 'HIT: fresh from our cache; MISS: just asked TMDB; STALE: TMDB failed, this is the last good copy',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'], example: 'HIT' },
  },
  'X-RateLimit-Limit': {
    description: 'Requests allowed per minute to this caller (per user when authenticated, else per client IP).',
    schema: { type: 'integer', example: 300 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current minute.',
    schema: { type: 'integer', example: 297 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current window ends and the count starts again.',
    schema: { type: 'integer', example: 42 },
  },
  'WWW-Authenticate': {
    description: 'How to authenticate: a bearer token.',
    schema: { type: 'string', example: 'Bearer realm="cinemateca"' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', example: 30 },
  },
} satisfies Record<string, HeaderObject>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

export function headerRef(name: ResponseHeaderName): ReferenceObject {
  return { $ref: `#/components/headers/${name}` };
}

export const LINK_HEADER = headerRef('Link');
export const LOCATION_HEADER = headerRef('Location');
export const X_CACHE_HEADER = headerRef('X-Cache');

import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

/** Marks, for the OpenAPI document, the operations the rate limiter skips (read by openapi-conventions.ts). */
export const RATE_LIMIT_EXEMPT_EXTENSION = 'x-rate-limit-exempt';

/** The rate limiter skips these routes (probes), and the document shows no 429 or X-RateLimit-* for them. */
export function Unthrottled() {
  return applyDecorators(SkipThrottle(), ApiExtension(RATE_LIMIT_EXEMPT_EXTENSION, true));
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of this process. A registry of its own (not prom-client's
 * global one) so that several application instances can live in one process, as
 * they do in tests.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'cache_lookups_total',
    help: 'Cache lookups by cache and result (hit, miss, stale)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  readonly upstreamRequests = new Counter({
    name: 'upstream_requests_total',
    help: 'Calls to upstream APIs (one per attempt) by upstream and outcome (status code, timeout or network)',
    labelNames: ['upstream', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Every 429 this service answered (request rate, failed authentications, login attempts), by route template. */
  readonly rateLimitRejections = new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Requests answered 429 by one of our rate limits, by route template',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'upstream_retries_total',
    help: 'Retried upstream calls by upstream',
    labelNames: ['upstream'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

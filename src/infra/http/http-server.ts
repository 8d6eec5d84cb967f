import { INestApplication, RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { makeProblem, PROBLEM_CONTENT_TYPE } from '../../common/errors/problem';
import type { AppSettings } from '../../config/settings';
import { AccessLog } from '../logging/access-log';
import { Metrics } from '../metrics/metrics';
import { useCorsPolicy } from './cors';
import { assertNoNulCharacters } from './nul-guard';
import { registerRepresentationPlugins } from './representation';
import { requestIdFor } from './request-id';
import { securityHeaders } from './security-headers';
import { API_PREFIX } from './swagger';

/** The Fastify instance under Nest, with the request id, body limit and proxy trust of the settings. */
export function createHttpAdapter(settings: AppSettings): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    // Fastify accepts a hop count too (its docs), though its types omit numbers.
    trustProxy: settings.trustProxy as boolean | string[],
    genReqId: requestIdFor,
    // Keep-alive connections that sit idle are closed at shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Requests Node's parser refuses before Fastify sees them (headers or URL over 16 KiB: 431; garbage: 400)
    // still get a problem, written on the raw socket.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const detail = status === 431 ? 'The request line or headers are larger than the server accepts.' : 'The request is malformed.';
      const body = JSON.stringify(makeProblem(status, detail, ''));
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
            `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy(error);
      }
    },
    // URLs the router refuses (a path parameter over maxParamLength: 414; malformed encoding: 400)
    // never reach Nest, so they get their problem details here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      const detail = status === 414 ? 'A path parameter is longer than the server accepts.' : 'The request URL is malformed.';
      reply
        .status(status)
        .header('x-request-id', request.id)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(makeProblem(status, detail, request.url.split('?')[0].slice(0, 200))));
    },
  });
}

/**
 * The response headers a browser script may read (CORS hides all but a few
 * by default): paging, revalidation, where a created resource lives, the
 * cache state, rate limits, and the id to quote when reporting a problem.
 */
export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'X-Cache',
  'ETag',
  'Link',
  'Location',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/** Every route lives under /api/v1 except the operational ones that probes and scrapers expect at the root. */
export function applyApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/**
 * Everything HTTP-level that is not a route: security headers, CORS, ETags
 * and compression, the API prefix, request ids on every response, the request
 * guards, one access-log line and one metrics sample per request. (Errors Fastify raises before
 * routing, like a body too large, reach Nest's handler and so the global
 * ProblemFilter.) Every hook is synchronous: an async hook costs a promise and
 * a microtask turn per request for work that never waits. Each layer is its own
 * function, so the benchmark's ladder can add them one at a time.
 */
export async function configureHttpServer(app: NestFastifyApplication, settings: AppSettings, log: PinoLogger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  useSecurityHeaders(fastify);
  useCors(app, settings);
  await registerRepresentationPlugins(app);
  applyApiPrefix(app);
  useRequestIds(fastify);
  useRequestGuards(fastify);
  useAccessLog(fastify, log);
  useRequestMetrics(fastify, app.get(Metrics));
}

/** Helmet's headers, computed once at startup and set on every reply. */
export function useSecurityHeaders(fastify: FastifyInstance): void {
  const headers = securityHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

export function useCors(app: NestFastifyApplication, settings: AppSettings): void {
  useCorsPolicy(app.getHttpAdapter().getInstance(), {
    origins: settings.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAgeSeconds: 600,
  });
}

/** Every response says which request it answers (the id comes from `genReqId`, see createHttpAdapter). */
export function useRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
}

/** NUL characters refused at the door; `Connection: close` on answers sent while shutting down. */
export function useRequestGuards(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    // In the query and path parameters a NUL can only arrive percent-encoded (Node refuses a raw one in the
    // request line), so a URL without `%00` needs no walk through its decoded parts.
    const urlMayHoldNul = request.url.includes('%00');
    if (!urlMayHoldNul && request.body === undefined) return done();
    try {
      assertNoNulCharacters(urlMayHoldNul ? { query: request.query, params: request.params, body: request.body } : { body: request.body });
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
  // At shutdown, a request already in flight must answer with `Connection: close`: otherwise its
  // keep-alive connection (an ingress holds them open) stays up after the answer and server.close()
  // waits for the client's idle timeout, past the pod's termination grace period.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}

export function useAccessLog(fastify: FastifyInstance, log: PinoLogger): void {
  const access = AccessLog.of(log);
  if (!access) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    access.write({
      reqId: request.id,
      method: request.method,
      url: request.url.split('?')[0],
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    });
    done();
  });
}

export function useRequestMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  const durations = new RequestDurations(metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    durations.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) metrics.rateLimitRejections.inc({ route });
    done();
  });
}

/** The request-duration histogram's children by label values, so a sample does not hash its labels each time. */
class RequestDurations {
  private readonly children = new Map<string, { observe(seconds: number): void }>();

  constructor(private readonly metrics: Metrics) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.metrics.httpRequestDuration.labels({ method, route, status: String(status) });
      this.children.set(key, child);
    }
    child.observe(seconds);
  }
}

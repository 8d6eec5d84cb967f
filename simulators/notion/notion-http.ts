import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { errorForStatus, NotionError, sendNotionError } from './notion-errors';
import { NotionVersion, readVersion } from './notion-versions';
import { TokenBucketRateLimiter } from './rate-limiter';

export interface GatekeeperOptions {
  readonly token: string;
  readonly limiter: TokenBucketRateLimiter;
}

/**
 * What every request meets before a route reads it, in the order Notion applies it: the bearer token (a bad
 * one is answered 401 whatever the version), the Notion-Version header, then the per-integration rate limit.
 * Returns how routes read the version the request was accepted under.
 */
export function installGatekeeper(app: FastifyInstance, options: GatekeeperOptions): (request: FastifyRequest) => NotionVersion {
  const versions = new WeakMap<FastifyRequest, NotionVersion>();

  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      throw new NotionError(401, 'unauthorized', 'API token is invalid.');
    }
    versions.set(request, readVersion(request.headers['notion-version']));
    const retryAfterSeconds = options.limiter.take(options.token);
    if (retryAfterSeconds !== undefined) {
      const limited = errorForStatus(429);
      throw new NotionError(429, limited.code, limited.message, { 'retry-after': String(retryAfterSeconds) });
    }
  });

  return (request) => {
    const version = versions.get(request);
    if (!version) throw new Error('Notion-Version read before the gatekeeper ran');
    return version;
  };
}

/** JSON bodies, refusals and unknown routes in Notion's own words rather than Fastify's. */
export function installNotionErrorHandling(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new NotionError(400, 'invalid_json', 'Error parsing JSON body.'), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | NotionError, _request, reply) => {
    if (error instanceof NotionError) return sendNotionError(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 500) return sendNotionError(reply, errorForStatus(500));
    return sendNotionError(reply, new NotionError(status === 413 ? 413 : 400, 'validation_error', error.message));
  });

  app.setNotFoundHandler((_request, reply) => sendNotionError(reply, new NotionError(400, 'invalid_request_url', 'Invalid request URL.')));
}

import { FastifyInstance, FastifyRequest } from 'fastify';
import { statusBody, TMDB_STATUS } from './tmdb-errors';

/**
 * TMDb accepts a POST or DELETE without a body (POST /4/auth/request_token's
 * body is optional), and the approval page posts an HTML form. Anything
 * unreadable is answered in TMDb's own error shape, not Fastify's.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const badBody = () => Object.assign(new Error('unreadable body'), { statusCode: 400 });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(badBody(), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? TMDB_STATUS.invalidInput : TMDB_STATUS.internalError;
    return reply.code(status.http).send(statusBody(status));
  });
}

/** The body as an object of fields; a JSON array, string or number has no fields. */
export function bodyFields(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The first value of a query parameter, if it is a string. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = ((request.query ?? {}) as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

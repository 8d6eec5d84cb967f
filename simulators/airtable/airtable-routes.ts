import { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { AirtableHttpError, airtableErrors, MAX_URL_LENGTH, sendAirtableError } from './airtable-errors';
import { BaseRateLimiter } from './base-rate-limiter';
import { listParametersFromBody, listParametersFromQuery } from './list-parameters';
import { OrderTable } from './order-table';
import { RecordLister } from './record-lister';
import { JSON_RENDERING, renderRecord } from './record-rendering';
import { RecordWrites, UpdateMode } from './record-writes';

export interface AirtableApi {
  readonly token: string;
  readonly baseId: string;
  readonly tableId: string;
  readonly tableName: string;
  readonly table: OrderTable;
  readonly lister: RecordLister;
  readonly writes: RecordWrites;
  readonly rateLimiter: BaseRateLimiter;
}

interface TableParams {
  baseId: string;
  tableIdOrName: string;
}
interface RecordParams extends TableParams {
  recordId: string;
}

const TABLE_PATH = '/v0/:baseId/:tableIdOrName';
const RECORD_PATH = `${TABLE_PATH}/:recordId`;
// Fastify cannot be given the Node server's options through the kit.
const SERVER_MAX_HEADER_BYTES = 64 * 1024;

const searchParamsOf = (request: FastifyRequest) => new URL(request.url, 'http://simulator').searchParams;

/** The Airtable Web API routes for one base holding one Orders table. */
export function registerAirtableRoutes(app: FastifyInstance, api: AirtableApi): void {
  // Node's default 16 KiB header limit would answer 431 before an over-long URL reached the 414 check.
  (app.server as { maxHeaderSize?: number }).maxHeaderSize = SERVER_MAX_HEADER_BYTES;

  // airtable.js sends `Content-Type: application/json` with its body-less DELETEs, which Fastify would refuse.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(airtableErrors.unparsableBody(), undefined);
    }
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AirtableHttpError) return sendAirtableError(reply, error);
    const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
    if (statusCode === 413) {
      return sendAirtableError(
        reply,
        new AirtableHttpError(413, { error: { type: 'REQUEST_TOO_LARGE', message: 'Request body is too large' } }),
      );
    }
    return sendAirtableError(reply, statusCode < 500 ? airtableErrors.invalidRequest() : airtableErrors.serverError());
  });
  app.setNotFoundHandler((_request, reply) => sendAirtableError(reply, airtableErrors.notFound()));

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) return sendAirtableError(reply, airtableErrors.urlTooLong(request.url.length));
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || token !== api.token) {
      return sendAirtableError(reply, airtableErrors.authenticationRequired());
    }
  });

  /** Base first (unknown bases cost nothing), then the base's rate limit, then the table. */
  const admit = ({ baseId, tableIdOrName }: TableParams) => {
    if (baseId !== api.baseId) throw airtableErrors.notFound();
    if (!api.rateLimiter.admit()) throw airtableErrors.rateLimited();
    if (tableIdOrName !== api.tableId && tableIdOrName !== api.tableName) {
      throw airtableErrors.tableNotFound(tableIdOrName, baseId);
    }
  };

  // airtable.js asks for some table routes with a trailing slash (update, create), others without.
  const tableRoute = (method: HTTPMethods, handler: (request: FastifyRequest<{ Params: TableParams }>) => unknown) => {
    for (const url of [TABLE_PATH, `${TABLE_PATH}/`]) {
      app.route<{ Params: TableParams }>({
        method,
        url,
        handler: async (request) => {
          admit(request.params);
          return handler(request);
        },
      });
    }
  };
  const recordRoute = (method: HTTPMethods, handler: (request: FastifyRequest<{ Params: RecordParams }>) => unknown) => {
    app.route<{ Params: RecordParams }>({
      method,
      url: RECORD_PATH,
      handler: async (request) => {
        admit(request.params);
        return handler(request);
      },
    });
  };

  tableRoute('GET', (request) => api.lister.list(listParametersFromQuery(searchParamsOf(request), api.table.schema)));
  app.route<{ Params: TableParams }>({
    method: 'POST',
    url: `${TABLE_PATH}/listRecords`,
    handler: async (request) => {
      admit(request.params);
      return api.lister.list(listParametersFromBody(request.body, searchParamsOf(request), api.table.schema));
    },
  });
  tableRoute('POST', (request) => api.writes.create(request.body));
  for (const [method, mode] of [
    ['PATCH', 'merge'],
    ['PUT', 'replace'],
  ] as [HTTPMethods, UpdateMode][]) {
    tableRoute(method, (request) => api.writes.updateMany(request.body, mode));
    recordRoute(method, (request) => api.writes.updateOne(request.params.recordId, request.body, mode));
  }
  tableRoute('DELETE', (request) => ({ records: api.writes.delete(searchParamsOf(request).getAll('records[]')) }));
  recordRoute('DELETE', (request) => api.writes.delete([request.params.recordId])[0]);
  recordRoute('GET', (request) => {
    const record = api.table.get(request.params.recordId);
    if (!record) throw airtableErrors.recordNotFound();
    return renderRecord(record, api.table.schema, JSON_RENDERING);
  });
}

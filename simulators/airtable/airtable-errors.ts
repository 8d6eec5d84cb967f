import { FastifyReply } from 'fastify';

/** An error answered with Airtable's own status code and JSON body. */
export class AirtableHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' ? JSON.stringify(body) : String(body));
  }
}

const typed = (statusCode: number, type: string, message?: string) =>
  new AirtableHttpError(statusCode, { error: message === undefined ? { type } : { type, message } });

const RECORDS_ARRAY_MESSAGE =
  'You must provide an array of up to 10 record objects, each with an "id" ID field and a "fields" object for cell values.';

export const MAX_RECORDS_PER_WRITE = 10;
export const MAX_URL_LENGTH = 16_000;

export const airtableErrors = {
  authenticationRequired: () => typed(401, 'AUTHENTICATION_REQUIRED', 'Authentication required'),
  /** The bare-string envelope is what Airtable documents for a route or base it cannot find. */
  notFound: () => new AirtableHttpError(404, { error: 'NOT_FOUND' }),
  tableNotFound: (table: string, baseId: string) => typed(404, 'TABLE_NOT_FOUND', `Could not find table ${table} in application ${baseId}`),
  recordNotFound: () => typed(404, 'MODEL_ID_NOT_FOUND', 'Record not found'),
  rowDoesNotExist: (recordId: string) => typed(422, 'ROW_DOES_NOT_EXIST', `Record ID ${recordId} does not exist in this table`),
  invalidRecordsForUpdate: () => typed(422, 'INVALID_RECORDS', RECORDS_ARRAY_MESSAGE),
  invalidRecordsForCreate: (provided: number) =>
    typed(
      422,
      'INVALID_RECORDS',
      `A maximum of ${MAX_RECORDS_PER_WRITE} records can be created per request but you have provided ${provided}.`,
    ),
  missingFields: () => typed(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "fields" in the request body'),
  unknownFieldName: (name: string) => typed(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`),
  computedField: (name: string) =>
    typed(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept a value because the field is computed`),
  invalidValueForColumn: (name: string) => typed(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept the provided value`),
  unparsableValue: (value: string, name: string) =>
    typed(422, 'INVALID_VALUE_FOR_COLUMN', `Cannot parse value "${value}" for field ${name}`),
  // Airtable really doubles the quotes around the option name.
  unknownSelectOption: (option: string) =>
    typed(422, 'INVALID_MULTIPLE_CHOICE_OPTIONS', `Insufficient permissions to create new select option ""${option}""`),
  invalidRequest: (message = 'Invalid request: parameter validation failed. Check your request data.') =>
    typed(422, 'INVALID_REQUEST_UNKNOWN', message),
  unparsableBody: () => typed(400, 'INVALID_REQUEST_UNKNOWN', 'Could not parse request body'),
  iteratorNotAvailable: () =>
    typed(
      422,
      'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
      'The list records iterator is no longer available. Restart the listing without an offset.',
    ),
  invalidFilterByFormula: (detail: string) =>
    typed(422, 'INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${detail}`),
  viewNotFound: (view: string) => typed(422, 'VIEW_NAME_NOT_FOUND', `Could not find view ${view}`),
  urlTooLong: (length: number) =>
    typed(
      414,
      'URL_TOO_LONG',
      `Request URLs are limited to ${MAX_URL_LENGTH} characters (got ${length}); send the list parameters to POST .../listRecords instead`,
    ),
  // Airtable answers rate limiting with a plural `errors` array rather than its usual envelope.
  rateLimited: () =>
    new AirtableHttpError(429, {
      errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }],
    }),
  serverError: () => typed(500, 'SERVER_ERROR', 'Try again. If the problem persists, contact support.'),
  retriableError: () =>
    typed(503, 'RETRIABLE_ERROR', 'Server encountered an error while processing your request, and it is safe to retry the request'),
};

const gatewayPage = (status: number, reason: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n</body>\r\n</html>\r\n`;

/** How a status code injected by the kit (not caused by the request) looks when Airtable sends it. */
export function writeInjectedError(reply: FastifyReply, status: number): FastifyReply {
  switch (status) {
    // A gateway in front of Airtable answers these, with an HTML page rather than JSON.
    case 502:
      return reply.code(502).type('text/html').send(gatewayPage(502, 'Bad Gateway'));
    case 504:
      return reply.code(504).type('text/html').send(gatewayPage(504, 'Gateway Time-out'));
    default:
      return sendAirtableError(reply, errorForStatus(status));
  }
}

function errorForStatus(status: number): AirtableHttpError {
  switch (status) {
    case 401:
      return airtableErrors.authenticationRequired();
    case 404:
      return airtableErrors.notFound();
    case 422:
      return airtableErrors.invalidRequest();
    case 429:
      return airtableErrors.rateLimited();
    case 500:
      return airtableErrors.serverError();
    case 503:
      return airtableErrors.retriableError();
    default:
      return typed(status, 'UNEXPECTED_ERROR', 'An unexpected error occurred');
  }
}

export function sendAirtableError(reply: FastifyReply, error: AirtableHttpError): FastifyReply {
  return reply.code(error.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(error.body));
}

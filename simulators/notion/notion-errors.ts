import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** An answer in Notion's error envelope; thrown anywhere in a handler and rendered by the error handler. */
export class NotionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Codes and messages from https://developers.notion.com/reference/status-codes. */
const ERRORS_BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'validation_error', message: 'body failed validation.' },
  401: { code: 'unauthorized', message: 'API token is invalid.' },
  403: { code: 'restricted_resource', message: 'API token does not have access to this resource.' },
  404: { code: 'object_not_found', message: 'Could not find object.' },
  409: { code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' },
  429: { code: 'rate_limited', message: 'You have been rate limited. Please try again in a few minutes.' },
  500: { code: 'internal_server_error', message: 'Unexpected error occurred.' },
  // Notion documents 502 as `bad_gateway`, a code @notionhq/client does not know (it surfaces as UnknownHTTPResponseError).
  502: { code: 'bad_gateway', message: 'Bad Gateway' },
  503: { code: 'service_unavailable', message: 'Notion is unavailable, please try again later.' },
  504: { code: 'gateway_timeout', message: 'Gateway Timeout' },
  529: { code: 'service_overload', message: 'Notion is overloaded, please try again later.' },
};

export function errorForStatus(status: number): NotionError {
  const known = ERRORS_BY_STATUS[status] ?? (status >= 500 ? ERRORS_BY_STATUS[500] : ERRORS_BY_STATUS[400]);
  return new NotionError(status, known.code, known.message);
}

export function sendNotionError(reply: FastifyReply, error: NotionError): FastifyReply {
  const requestId = randomUUID();
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .header('x-notion-request-id', requestId)
    .send({ object: 'error', status: error.status, code: error.code, message: error.message, request_id: requestId });
}

/** Renders Notion's schema-validation wording: `body failed validation: body.x should be ..., instead was `...`.` */
export function bodyValidationError(path: string, expectation: string, actual: unknown): NotionError {
  return new NotionError(
    400,
    'validation_error',
    `body failed validation: ${path} should be ${expectation}, instead was \`${describeValue(actual)}\`.`,
  );
}

export function validationError(message: string): NotionError {
  return new NotionError(400, 'validation_error', message);
}

/** For Notion features this simulator does not model: loud, and never mistakable for Notion's own refusal. */
export function notSimulated(what: string): NotionError {
  return new NotionError(501, 'invalid_request', `Unsupported request: ${what} is not simulated by the Cinemateca Notion simulator.`);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 200)}...` : json;
}

import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { makeProblem, PROBLEM_CONTENT_TYPE } from '../../common/errors/problem';
import { headerRef, RESPONSE_HEADERS } from '../../common/http/response-headers';
import { RATE_LIMIT_EXEMPT_EXTENSION } from '../rate-limit/unthrottled';
import { exampleFromSchema } from './openapi-examples';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const PROBLEM_SCHEMA = '#/components/schemas/ProblemResponse';

/**
 * What holds for every operation, written into the document in one place
 * rather than repeated on each route, because the HTTP layer (not the route)
 * produces it:
 * - `X-Request-Id` on every response; `ETag` on every successful JSON GET,
 *   with its `If-None-Match` parameter and 304 answer;
 *   `X-RateLimit-*` on the successes of rate-limited routes, and their 429
 *   with `Retry-After`; `WWW-Authenticate` on a 401;
 * - `security: []` on the operations that need no token (no `@Auth()`);
 * - errors as `application/problem+json`;
 * - an example on every JSON answer, composed from the schema's examples.
 * Route-specific headers (`Link`, `Location`, `X-Cache`) come from the
 * decorators that also produce them (`@PagedList`, `@CreatedAt`).
 */
export function applyOpenApiConventions(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, headers: { ...RESPONSE_HEADERS }, parameters: { IfNoneMatch: IF_NONE_MATCH } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) describeOperation(document, path, method, operation);
    }
  }
  return document;
}

function describeOperation(document: OpenAPIObject, path: string, method: string, operation: OperationObject): void {
  operation.security ??= [];
  const extensions = operation as unknown as Record<string, unknown>;
  const rateLimited = !extensions[RATE_LIMIT_EXEMPT_EXTENSION];
  delete extensions[RATE_LIMIT_EXEMPT_EXTENSION];
  if (rateLimited && !operation.responses['429']) {
    operation.responses['429'] = {
      description: 'Rate limited; see Retry-After',
      content: { 'application/json': { schema: { $ref: PROBLEM_SCHEMA } } },
    };
  }
  let revalidatable = false;
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!response || isReference(response)) continue;
    const code = Number(status);
    const headers = { ...response.headers };
    headers['X-Request-Id'] = headerRef('X-Request-Id');
    if (code >= 200 && code < 300 && rateLimited) {
      headers['X-RateLimit-Limit'] = headerRef('X-RateLimit-Limit');
      headers['X-RateLimit-Remaining'] = headerRef('X-RateLimit-Remaining');
      headers['X-RateLimit-Reset'] = headerRef('X-RateLimit-Reset');
    }
    if (method === 'get' && code === 200 && response.content?.['application/json']) {
      headers.ETag = headerRef('ETag');
      revalidatable = true;
    }
    if (code === 429) headers['Retry-After'] = headerRef('Retry-After');
    if (code === 401) headers['WWW-Authenticate'] = headerRef('WWW-Authenticate');
    response.headers = headers;
    if (code >= 400) asProblem(response, code, path);
    else addExample(document, response);
  }
  if (revalidatable) {
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IfNoneMatch' }];
    operation.responses['304'] = {
      description: 'Not Modified: the If-None-Match tag is still current; no body',
      headers: { ETag: headerRef('ETag'), 'X-Request-Id': headerRef('X-Request-Id') },
    };
  }
}

const IF_NONE_MATCH: ParameterObject = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'ETags of copies the client holds (or `*`); a current one gets 304 with no body.',
  schema: { type: 'string', example: '"2jmj7l5rSw0yVb/vlWAYkK/YBwk="' },
};

function asProblem(response: ResponseObject, status: number, path: string): void {
  const json = response.content?.['application/json'];
  if (!json || !('$ref' in (json.schema ?? {})) || (json.schema as ReferenceObject).$ref !== PROBLEM_SCHEMA) return;
  const instance = path.replace(/\{[^}]+\}/g, '1');
  const example = makeProblem(status, response.description || 'The request failed.', instance);
  response.content = { [PROBLEM_CONTENT_TYPE]: { schema: json.schema, example } };
}

function addExample(document: OpenAPIObject, response: ResponseObject): void {
  const json = response.content?.['application/json'];
  if (!json?.schema || json.example !== undefined || json.examples) return;
  json.example = exampleFromSchema(json.schema, document);
}

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

/**
 * The contract's table of who may call what, written down here rather than
 * read from openapi.json: a route that loses its decorator (or an openapi.json
 * regenerated from such code) fails these tests instead of moving the goalposts.
 */
type Who = 'anyone' | 'user' | 'admin';
const CONTRACT_ROUTES: Array<[string, string, Who]> = [
  ['POST', '/api/v1/auth/register', 'anyone'],
  ['POST', '/api/v1/auth/login', 'anyone'],
  ['GET', '/api/v1/shared-lists/{listName}', 'anyone'],
  ['GET', '/health/live', 'anyone'],
  ['GET', '/health/ready', 'anyone'],
  ['GET', '/metrics', 'anyone'],
  ['GET', '/api/v1/auth/me', 'user'],
  ['POST', '/api/v1/auth/logout', 'user'],
  ['POST', '/api/v1/auth/logout-all', 'user'],
  ['GET', '/api/v1/movies/popular', 'user'],
  ['GET', '/api/v1/catalog/movies', 'user'],
  ['GET', '/api/v1/catalog/movies/{id}', 'user'],
  ['GET', '/api/v1/me/favorites', 'user'],
  ['GET', '/api/v1/users/{userId}/favorites', 'user'],
  ['GET', '/api/v1/me/ratings', 'user'],
  ['POST', '/api/v1/reviews', 'user'],
  ['POST', '/api/v1/catalog/movies', 'admin'],
  ['PATCH', '/api/v1/catalog/movies/{id}', 'admin'],
  ['DELETE', '/api/v1/catalog/movies/{id}', 'admin'],
  ['DELETE', '/api/v1/users/{userId}/favorites', 'admin'],
  ['POST', '/api/v1/reviews/reconcile', 'admin'],
  ['GET', '/api/v1/orders', 'admin'],
  ['GET', '/api/v1/orders/summary', 'admin'],
  ['GET', '/api/v1/orders/{recordId}', 'admin'],
  ['PATCH', '/api/v1/orders/{recordId}', 'admin'],
  ['POST', '/api/v1/orders/sync', 'admin'],
  ['GET', '/api/v1/orders/sync/runs', 'admin'],
  ['GET', '/api/v1/orders/sync/runs/{id}', 'admin'],
];
const SAMPLE_PARAMS: Record<string, string> = { listName: 'no-such-list', id: '999999', userId: '1', recordId: 'recAAAAAAAAAAAAAA' };
const concrete = (template: string) => template.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE_PARAMS[name]);

const SECRET = 'security-test-secret-that-is-long-enough-0123456789';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A JWT made by hand, so every field an attacker controls can be set. */
function handMadeJwt(header: object, payload: object, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  if (secret === null) return `${unsigned}.`;
  const algorithm = (header as { alg?: string }).alg === 'HS512' ? 'sha512' : 'sha256';
  return `${unsigned}.${createHmac(algorithm, secret).update(unsigned).digest('base64url')}`;
}

describe('attacks on authentication (e2e)', () => {
  let api: TestApp;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: object = {}) => ({
    sub: '2',
    username: 'consumer',
    role: 'USER',
    iss: 'cinemateca',
    aud: 'cinemateca-api',
    iat: now(),
    exp: now() + 600,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApp({
      JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_FAILURES_PER_MINUTE: '100000',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '500',
    });
  });
  afterAll(() => api?.close());

  it('documents every route of the table with the access the contract gives it', () => {
    const document = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { security?: unknown[]; 'x-required-role'?: string }>>;
    };
    const documented = CONTRACT_ROUTES.map(([method, template]) => {
      const operation = document.paths[template]?.[method.toLowerCase()];
      if (!operation) return 'missing';
      if ((operation.security?.length ?? 0) === 0) return 'anyone';
      return operation['x-required-role'] === 'ADMIN' ? 'admin' : 'user';
    });
    expect(documented).toEqual(CONTRACT_ROUTES.map(([, , who]) => who));
  });

  it.each(CONTRACT_ROUTES.filter(([, , who]) => who === 'anyone'))('%s %s needs no token', async (method, template) => {
    const response = await api.request(method, concrete(template), { body: method === 'POST' ? {} : undefined });
    expect(response.status).not.toBe(401);
    expect(response.status).not.toBe(403);
  });

  it.each(CONTRACT_ROUTES.filter(([, , who]) => who !== 'anyone'))(
    '%s %s refuses an anonymous caller with 401',
    async (method, template) => {
      expectProblem(await api.request(method, concrete(template), { body: method === 'GET' || method === 'DELETE' ? undefined : {} }), 401);
    },
  );

  it.each(CONTRACT_ROUTES.filter(([, , who]) => who === 'admin'))(
    '%s %s refuses a USER with 403 and lets an ADMIN in',
    async (method, template) => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      expectProblem(await api.request(method, concrete(template), { token: USER_TOKEN, body }), 403);
      const asAdmin = await api.request(method, concrete(template), { token: ADMIN_TOKEN, body });
      expect([401, 403]).not.toContain(asAdmin.status);
    },
  );

  describe('forged JWTs', () => {
    it('accepts the genuine article (so the refusals below are about the forgery)', async () => {
      const genuine = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims(), SECRET);
      expect((await api.request('GET', '/api/v1/auth/me', { token: genuine })).body).toMatchObject({ id: 2, role: 'USER' });
    });

    it.each([
      ['alg none, unsigned', () => handMadeJwt({ alg: 'none', typ: 'JWT' }, claims({ role: 'ADMIN', sub: '1' }), null)],
      ['alg none with a signature', () => `${handMadeJwt({ alg: 'none' }, claims(), null)}c2ln`],
      ['another algorithm (HS512) with the right secret', () => handMadeJwt({ alg: 'HS512', typ: 'JWT' }, claims(), SECRET)],
      ['another secret', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'not-the-secret-not-the-secret-not-the-secret')],
      ['a wrong issuer', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'someone-else' }), SECRET)],
      ['a wrong audience', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'another-api' }), SECRET)],
      ['no audience', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), aud: undefined }, SECRET)],
      ['expired', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ iat: now() - 7200, exp: now() - 3600 }), SECRET)],
      [
        'a role changed after signing',
        () => {
          const [header, , signature] = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims(), SECRET).split('.');
          return `${header}.${b64(claims({ role: 'ADMIN', sub: '1' }))}.${signature}`;
        },
      ],
      ['a role the service does not know', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ role: 'ROOT' }), SECRET)],
      ['a subject that is not a number', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ sub: '1 OR 1=1' }), SECRET)],
      ['a subject in a lenient spelling', () => handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ sub: '0x2' }), SECRET)],
    ])('refuses %s with 401', async (_case, forge) => {
      const response = await api.request('GET', '/api/v1/orders', { token: forge() });
      expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });
});

import { expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

describe('HTTP conventions (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ CORS_ORIGINS: 'http://localhost:5173,https://app.example.com', RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => api.close());

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.request('GET', '/api/v1/no-such-route', { token: USER_TOKEN });
    expectProblem(response, 404);
    expect(response.body.instance).toBe('/api/v1/no-such-route');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await api.request('POST', '/api/v1/auth/login', {
      rawBody: '{"username": "a", ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await api.request('POST', '/api/v1/auth/register', {
      rawBody: JSON.stringify({ username: 'x', email: 'x@example.com', password: 'y'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 413);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await api.request('POST', '/api/v1/auth/register', {
      rawBody: '<xml/>',
      headers: { 'content-type': 'application/xml' },
    });
    expectProblem(response, 415);
  });

  it('rejects prototype pollution attempts', async () => {
    const response = await api.request('POST', '/api/v1/auth/login', {
      rawBody: '{"username":"a","password":"b","__proto__":{"role":"ADMIN"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
  });

  it('echoes a sane X-Request-Id and mints one otherwise', async () => {
    const echoed = await api.request('GET', '/health/live', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc.123');
    const minted = await api.request('GET', '/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await api.request('GET', '/api/v1/auth/me');
    expect(problem.headers.get('x-request-id')).toBeTruthy();
  });

  it('sets security headers', async () => {
    const response = await api.request('GET', '/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers a CORS preflight from an allowed origin and not from others', async () => {
    const allowed = await api.request('OPTIONS', '/api/v1/auth/me', {
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);

    const denied = await api.request('OPTIONS', '/api/v1/auth/me', {
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN });
    const response = await api.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/auth\/me",status="200"\} [1-9]/);
    expect(response.text).toContain('process_resident_memory_bytes');
  });

  it('serves Swagger UI and the OpenAPI document without a token', async () => {
    const ui = await api.request('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const document = await api.request('GET', '/docs-json');
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/me', '/health/ready', '/metrics']),
    );
  });

  it('reports liveness and readiness with the database and the cache', async () => {
    expect((await api.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await api.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.info.cache).toMatchObject({ status: 'up', backend: process.env.REDIS_URL ? 'redis' : 'memory' });
  });
});

describe('rate limiting (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After past the limit, per user', async () => {
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 7; i++) {
      const response = await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expectProblem(limited!, 429);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another user has a budget of their own.
    const admin = await api.request('GET', '/api/v1/auth/me', { token: 'abcdef1234567890' });
    expect(admin.status).toBe(200);
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 8; i++) expect((await api.request('GET', '/health/live')).status).toBe(200);
  });
});

describe('hostile input at the door (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('answers an overlong path parameter with a 414 problem', async () => {
    const response = await api.request('GET', `/api/v1/users/${'9'.repeat(500)}/favorites`, { token: USER_TOKEN });
    expectProblem(response, 414);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses NUL characters in the query, the path and the body with a 400 problem', async () => {
    const inQuery = await api.request('GET', '/api/v1/auth/me?x=%00', { token: USER_TOKEN });
    expectProblem(inQuery, 400);
    const inPath = await api.request('GET', '/api/v1/shared-lists/movie%00night', { token: USER_TOKEN });
    expectProblem(inPath, 400);
    expect(inPath.body.errors).toEqual([{ field: 'params', message: 'must not contain U+0000' }]);
    const inBody = await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'nul', email: 'nul@example.com', password: 'pass\u0000word' },
    });
    expectProblem(inBody, 400);
    expect(inBody.body.errors).toEqual([{ field: 'body', message: 'must not contain U+0000' }]);
  });
});

describe('requests refused by the HTTP parser (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('answers a URL over the header limit with a 431 problem', async () => {
    const response = await api.request('GET', `/api/v1/auth/me?q=${'x'.repeat(20_000)}`, { token: USER_TOKEN });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  });
});

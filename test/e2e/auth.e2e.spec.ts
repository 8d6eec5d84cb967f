import { JwtService } from '@nestjs/jwt';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

describe('auth (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789' });
  });
  afterAll(() => api.close());

  it('answers the consumer for its static token', async () => {
    const response = await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 2, username: 'consumer', email: 'consumer@cinemateca.local', role: 'USER' });
  });

  it('answers the admin for its static token', async () => {
    const response = await api.request('GET', '/api/v1/auth/me', { token: ADMIN_TOKEN });
    expect(response.body).toMatchObject({ id: 1, username: 'admin', role: 'ADMIN' });
  });

  it('registers, logs in with JSON and with the OAuth2 form, and knows the caller', async () => {
    const registered = await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'ada', email: 'ada@example.com', password: 'correct horse battery' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ id: expect.any(Number), username: 'ada', email: 'ada@example.com', role: 'USER' });
    expect(registered.body.id).toBeGreaterThan(2);
    expect(registered.text).not.toContain('password');

    const login = await api.request('POST', '/api/v1/auth/login', { body: { username: 'ada', password: 'correct horse battery' } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'bearer',
      expiresIn: 3600,
      access_token: login.body.accessToken,
      token_type: 'bearer',
    });

    const me = await api.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.body).toEqual(registered.body);

    const form = await api.request('POST', '/api/v1/auth/login', {
      rawBody: 'grant_type=password&username=ADA%40example.com&password=correct+horse+battery&scope=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(200);
    expect(form.body.token_type).toBe('bearer');
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'grace', email: 'grace@example.com', password: 'hopper-1906' },
    });
    const wrong = await api.request('POST', '/api/v1/auth/login', { body: { username: 'grace', password: 'not-the-password' } });
    const unknown = await api.request('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'not-the-password' } });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses password login for token-only accounts', async () => {
    const response = await api.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'anything-at-all' } });
    expectProblem(response, 401);
  });

  it('answers 409 for a taken username or email, case-insensitively', async () => {
    await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'linus', email: 'linus@example.com', password: 'password-123' },
    });
    const sameName = await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'LINUS', email: 'other@example.com', password: 'password-123' },
    });
    const sameEmail = await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'linus2', email: 'Linus@Example.com', password: 'password-123' },
    });
    expectProblem(sameName, 409);
    expectProblem(sameEmail, 409);
    expect(sameEmail.body.detail).toContain('email');
  });

  it('lets exactly one of two concurrent registrations of one name win', async () => {
    const body = { username: 'racer', email: 'racer@example.com', password: 'password-123' };
    const results = await Promise.all([
      api.request('POST', '/api/v1/auth/register', { body }),
      api.request('POST', '/api/v1/auth/register', { body: { ...body, email: 'racer2@example.com' } }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a short password', { username: 'shorty', email: 'shorty@example.com', password: 'short' }, 'password'],
    ['a bad email', { username: 'mail', email: 'not-an-email', password: 'password-123' }, 'email'],
    ['a number as username', { username: 12345, email: 'n@example.com', password: 'password-123' }, 'username'],
    ['null as password', { username: 'nully', email: 'nully@example.com', password: null }, 'password'],
    ['a role (mass assignment)', { username: 'sneaky', email: 'sneaky@example.com', password: 'password-123', role: 'ADMIN' }, 'role'],
    ['odd characters in username', { username: 'a b<script>', email: 'odd@example.com', password: 'password-123' }, 'username'],
  ])('rejects %s with a validation problem naming the field', async (_case, body, field) => {
    const response = await api.request('POST', '/api/v1/auth/register', { body });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
  });

  it('stores nothing for a rejected registration', async () => {
    await api.request('POST', '/api/v1/auth/register', {
      body: { username: 'ghost', email: 'ghost@example.com', password: 'password-123', role: 'ADMIN' },
    });
    const login = await api.request('POST', '/api/v1/auth/login', { body: { username: 'ghost', password: 'password-123' } });
    expect(login.status).toBe(401);
  });

  describe('failures of authentication', () => {
    const jwtFor = (secret: string, expiresIn: number) =>
      new JwtService({ secret }).sign(
        { sub: '2', username: 'consumer', role: 'USER' },
        { expiresIn, issuer: 'cinemateca', audience: 'cinemateca-api' },
      );

    it.each([
      ['no token', undefined],
      ['a malformed header', 'Token 1234567890'],
      ['an unknown static token', 'Bearer not-a-real-token'],
      ['a JWT signed with another secret', `Bearer ${jwtFor('another-secret-another-secret-another-secret', 3600)}`],
      ['an expired JWT', `Bearer ${jwtFor('test-secret-that-is-long-enough-for-hs256-0123456789', -10)}`],
      ['garbage in JWT shape', 'Bearer aaa.bbb.ccc'],
    ])('answers 401 with WWW-Authenticate for %s', async (_case, authorization) => {
      const response = await api.request('GET', '/api/v1/auth/me', { headers: authorization ? { authorization } : {} });
      expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('says an expired token has expired', async () => {
      const expired = jwtFor('test-secret-that-is-long-enough-for-hs256-0123456789', -10);
      const response = await api.request('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${expired}` } });
      expect(response.body.detail).toMatch(/expired/);
    });
  });
});

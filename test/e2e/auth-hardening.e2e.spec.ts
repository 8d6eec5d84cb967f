import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

/**
 * Issue 13's authentication defects, each against the real application
 * (PostgreSQL, and Redis when REDIS_URL is set): bounded guessing of tokens and
 * passwords, squatting of static-token names, revocable JWTs, strict ids.
 * The main app trusts X-Forwarded-For from loopback, so each test speaks as
 * clients of its own.
 */
const SQUATTED = 'squatter';
const SQUATTED_TOKEN = 'squatter-admin-token-0123456789';
const PASSWORD = 'correct horse battery';

describe('authentication hardening (e2e)', () => {
  let api: TestApp;
  const from = (client: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': client, ...headers });
  const me = (client: string, token: string) =>
    api.request('GET', '/api/v1/auth/me', { headers: from(client, { authorization: `Bearer ${token}` }) });
  const login = (client: string, username: string, password: string, target = api) =>
    target.request('POST', '/api/v1/auth/login', { body: { username, password }, headers: from(client) });
  const register = (username: string, email = `${username}@example.com`, password = PASSWORD) =>
    api.request('POST', '/api/v1/auth/register', { body: { username, email, password } });

  beforeAll(async () => {
    api = await startTestApp({ TRUST_PROXY: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => api?.close());

  describe('failed authentications per client', () => {
    it('answers 401 twenty times to a static-token guesser, then 429 with Retry-After, even for a valid token', async () => {
      const guesser = '198.51.100.10';
      for (let guess = 0; guess < 20; guess++) expectProblem(await me(guesser, `guess-${guess}-0123456789`), 401);
      const refused = await me(guesser, 'guess-20-0123456789');
      expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Refused before the token is looked at: a right guess would not be told apart from a wrong one.
      expectProblem(await me(guesser, ADMIN_TOKEN), 429);
      expect((await me('198.51.100.11', ADMIN_TOKEN)).status).toBe(200);
    });

    it('counts forged JWTs and missing tokens too', async () => {
      const forger = '198.51.100.12';
      for (let guess = 0; guess < 10; guess++) expectProblem(await me(forger, 'aaa.bbb.ccc'), 401);
      for (let guess = 0; guess < 10; guess++) expectProblem(await api.request('GET', '/api/v1/auth/me', { headers: from(forger) }), 401);
      expectProblem(await me(forger, USER_TOKEN), 429);
    });

    it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
      for (let guess = 0; guess < 20; guess++)
        expectProblem(await me(`2001:db8:5:6::${(guess + 1).toString(16)}`, 'wrong-token-0123456789'), 401);
      expectProblem(await me('2001:db8:5:6:ffff::1', USER_TOKEN), 429);
      expect((await me('2001:db8:5:7::1', USER_TOKEN)).status).toBe(200);
    });
  });

  describe('login limits per username', () => {
    it('refuses one client after 10 wrong passwords for a username, right password included; other clients still log in', async () => {
      expect((await register('brute')).status).toBe(201);
      const attacker = '203.0.113.20';
      for (let guess = 0; guess < 10; guess++) expectProblem(await login(attacker, 'brute', `wrong-${guess}`), 401);
      const refused = await login(attacker, 'brute', PASSWORD);
      expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
      // The same account spelled by its email is the same account.
      expectProblem(await login(attacker, 'BRUTE@example.com', PASSWORD), 429);

      const owner = await login('203.0.113.21', 'brute', PASSWORD);
      expect(owner.status).toBe(200);
      // The owner's success does not reset the attacker's count.
      expectProblem(await login(attacker, 'brute', PASSWORD), 429);
      // Wrong passwords are not failed bearer authentications: the attacker's tokens still work.
      expect((await me(attacker, owner.body.accessToken)).status).toBe(200);
    });

    it('limits an unknown username the same way', async () => {
      const client = '203.0.113.22';
      for (let guess = 0; guess < 10; guess++) expectProblem(await login(client, 'nobody-at-all', `wrong-${guess}`), 401);
      expectProblem(await login(client, 'nobody-at-all', 'wrong-again'), 429);
    });
  });

  describe('static-token users', () => {
    it.each([
      ['admin', 'admin-squat@example.com'],
      ['CONSUMER', 'consumer-squat@example.com'],
      ['fresh-name', 'admin@cinemateca.local'],
      ['fresh-name2', 'Someone@Cinemateca.Local'],
    ])('refuses to register %s / %s (409) and stores nothing', async (username, email) => {
      const response = await register(username, email);
      expectProblem(response, 409);
      expectProblem(await login('203.0.113.30', username, PASSWORD), 401);
    });

    it('never binds a static token to an account with a password, and starts anyway', async () => {
      // Registered before its token is configured (a name not reserved yet), then the operator adds the token.
      expect((await register(SQUATTED)).status).toBe(201);
      const replica = await startTestApp({
        DATABASE_URL: api.settings.database.url,
        REDIS_KEY_PREFIX: api.settings.cache.keyPrefix,
        JWT_SECRET: api.settings.auth.jwtSecret,
        // Replicas share their settings: the per-user rate limit is counted across them in Redis.
        RATE_LIMIT_PER_MINUTE: '100000',
        STATIC_API_TOKENS: `${ADMIN_TOKEN}:admin:ADMIN,${USER_TOKEN}:consumer:USER,${SQUATTED_TOKEN}:${SQUATTED}:ADMIN`,
      });
      try {
        expectProblem(await replica.request('GET', '/api/v1/auth/me', { token: SQUATTED_TOKEN }), 401);
        const squatter = await login('203.0.113.31', SQUATTED, PASSWORD, replica);
        const who = await replica.request('GET', '/api/v1/auth/me', { token: squatter.body.accessToken });
        expect(who.body).toMatchObject({ username: SQUATTED, role: 'USER' });
        expectProblem(await replica.request('GET', '/api/v1/orders', { token: squatter.body.accessToken }), 403);
        expect((await replica.request('GET', '/api/v1/auth/me', { token: ADMIN_TOKEN })).body).toMatchObject({ id: 1, role: 'ADMIN' });
      } finally {
        await replica.close();
      }
    });
  });

  describe('logout', () => {
    let replica: TestApp;
    beforeAll(async () => {
      expect((await register('leaver')).status).toBe(201);
      // A second replica on the same database and Redis.
      replica = await startTestApp({
        DATABASE_URL: api.settings.database.url,
        REDIS_KEY_PREFIX: api.settings.cache.keyPrefix,
        JWT_SECRET: api.settings.auth.jwtSecret,
        TRUST_PROXY: '127.0.0.1',
        RATE_LIMIT_PER_MINUTE: '100000',
      });
    });
    afterAll(() => replica?.close());

    const tokenOf = async () => (await login('203.0.113.40', 'leaver', PASSWORD)).body.accessToken as string;
    const statusOn = async (target: TestApp, token: string) => (await target.request('GET', '/api/v1/auth/me', { token })).status;
    /** Another replica hears of a revocation through Redis (or, without it, within the cache's maximum age). */
    const eventually = async (check: () => Promise<boolean>) => {
      for (let attempt = 0; attempt < 100 && !(await check()); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
      return check();
    };

    it('ends the JWT of the request on every replica, and only that one', async () => {
      const [kept, ended] = [await tokenOf(), await tokenOf()];
      expect(await statusOn(replica, ended)).toBe(200); // cached as valid there
      const response = await api.request('POST', '/api/v1/auth/logout', { token: ended });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await api.request('GET', '/api/v1/auth/me', { token: ended }), 401);
      if (process.env.REDIS_URL) expect(await eventually(async () => (await statusOn(replica, ended)) === 401)).toBe(true);
      expect(await statusOn(api, kept)).toBe(200);
      expect(await statusOn(replica, kept)).toBe(200);
      expectProblem(await api.request('POST', '/api/v1/auth/logout', { token: ended }), 401);
    });

    it('ends every JWT issued until now on logout-all; a later login works', async () => {
      const tokens = [await tokenOf(), await tokenOf()];
      for (const token of tokens) expect(await statusOn(replica, token)).toBe(200);
      expect((await replica.request('POST', '/api/v1/auth/logout-all', { token: tokens[0] })).status).toBe(204);
      for (const token of tokens) expect(await statusOn(replica, token)).toBe(401);
      if (process.env.REDIS_URL) expect(await eventually(async () => (await statusOn(api, tokens[1])) === 401)).toBe(true);
      expect(await statusOn(api, await tokenOf())).toBe(200);
    });

    it('blocks a guessing client on every replica, not only where it guessed', async () => {
      const guesser = '198.51.100.60';
      expect((await replica.request('GET', '/api/v1/auth/me', { token: USER_TOKEN, headers: { 'x-forwarded-for': guesser } })).status).toBe(
        200,
      );
      for (let guess = 0; guess < 20; guess++) expectProblem(await me(guesser, `guess-${guess}-0123456789`), 401);
      const blockedThere = async () =>
        (await replica.request('GET', '/api/v1/auth/me', { token: USER_TOKEN, headers: { 'x-forwarded-for': guesser } })).status === 429;
      if (process.env.REDIS_URL) expect(await eventually(blockedThere)).toBe(true);
    });

    it('answers 400 for a static token, which keeps working', async () => {
      const response = await api.request('POST', '/api/v1/auth/logout', { token: USER_TOKEN });
      expectProblem(response, 400);
      expect(await statusOn(api, USER_TOKEN)).toBe(200);
      expectProblem(await api.request('POST', '/api/v1/auth/logout'), 401);
    });
  });

  describe('passwords', () => {
    it('limits a new password to 72 bytes of UTF-8, the most bcrypt reads', async () => {
      const accented = await register('bytes1', undefined, 'é'.repeat(40)); // 40 characters, 80 bytes
      expectProblem(accented, 400);
      expect(accented.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
      expectProblem(await register('bytes2', undefined, 'a'.repeat(73)), 400);
      expect((await register('bytes3', undefined, 'a'.repeat(72))).status).toBe(201);
      expect((await register('bytes4', undefined, 'é'.repeat(36))).status).toBe(201);
    });
  });

  describe('strict decimal ids', () => {
    const bad = ['0x1A', '1e1', '+26', '%2B26', '026', '%2026', '26.0', '-26'];

    it.each(bad)('refuses %s as a path id on every kind of route', async (id) => {
      const paths: Array<[string, string, string]> = [
        ['GET', `/api/v1/catalog/movies/${id}`, USER_TOKEN],
        ['GET', `/api/v1/catalog/movies/${id}/reviews`, USER_TOKEN],
        ['DELETE', `/api/v1/catalog/movies/${id}`, ADMIN_TOKEN],
        ['GET', `/api/v1/reviews/${id}`, USER_TOKEN],
        ['GET', `/api/v1/orders/sync/runs/${id}`, ADMIN_TOKEN],
        ['GET', `/api/v1/users/${id}/favorites`, ADMIN_TOKEN],
        ['DELETE', `/api/v1/me/ratings/${id}`, USER_TOKEN],
      ];
      for (const [method, path, token] of paths) {
        const response = await api.request(method, path, { token });
        expect(`${method} ${path} -> ${response.status}`).toBe(`${method} ${path} -> 400`);
        expectProblem(response, 400);
      }
    });

    it.each(bad)('refuses %s as a numeric query parameter', async (value) => {
      const paths: Array<[string, string, string]> = [
        ['GET', `/api/v1/catalog/movies?page=${value}`, USER_TOKEN],
        ['GET', `/api/v1/catalog/movies?pageSize=${value}`, USER_TOKEN],
        ['GET', `/api/v1/catalog/movies?year=${value}`, USER_TOKEN],
        ['GET', `/api/v1/me/ratings?page=${value}`, USER_TOKEN],
        ['GET', `/api/v1/movies/popular?page=${value}`, USER_TOKEN],
        ['GET', `/api/v1/movies/discover?year=${value}`, USER_TOKEN],
        ['GET', `/api/v1/orders?pageSize=${value}`, ADMIN_TOKEN],
        ['POST', `/api/v1/orders/sync?wait=${value}`, ADMIN_TOKEN],
      ];
      for (const [method, path, token] of paths) {
        const response = await api.request(method, path, { token });
        expect(`${method} ${path} -> ${response.status}`).toBe(`${method} ${path} -> 400`);
      }
    });

    it('still reads plain decimal ids', async () => {
      expectProblem(await api.request('GET', '/api/v1/catalog/movies/26', { token: USER_TOKEN }), 404);
      expect((await api.request('GET', '/api/v1/catalog/movies?page=1&pageSize=10&year=1998', { token: USER_TOKEN })).status).toBe(200);
    });
  });
});

describe('without trusted proxies (e2e)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(() => api?.close());

  it('ignores a forged X-Forwarded-For: a guesser rotating it is still one client', async () => {
    for (let guess = 0; guess < 5; guess++) {
      const response = await api.request('GET', '/api/v1/auth/me', {
        token: `guess-${guess}-0123456789`,
        headers: { 'x-forwarded-for': `192.0.2.${guess}` },
      });
      expectProblem(response, 401);
    }
    const refused = await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN, headers: { 'x-forwarded-for': '192.0.2.200' } });
    expectProblem(refused, 429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('a busy password hasher (e2e)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', PASSWORD_HASH_WORKERS: '1', PASSWORD_HASH_QUEUE: '0' });
  });
  afterAll(() => api?.close());

  it('answers 503 with Retry-After when its queue is full, and stores nothing for those requests', async () => {
    // Let the decoy hash made at startup finish, so the one worker is free.
    await api.request('POST', '/api/v1/auth/login', { body: { username: 'warm-up', password: 'warm-up-password' } });
    const names = ['busy1', 'busy2', 'busy3', 'busy4'];
    const responses = await Promise.all(
      names.map((username) =>
        api.request('POST', '/api/v1/auth/register', { body: { username, email: `${username}@example.com`, password: PASSWORD } }),
      ),
    );
    const refused = names.filter((_name, index) => responses[index].status === 503);
    expect(responses.filter((response) => response.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((candidate) => candidate.status === 503)) {
      expectProblem(response, 503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Nothing was stored for a refused registration: the name is still free.
    expect(
      (
        await api.request('POST', '/api/v1/auth/register', {
          body: { username: refused[0], email: `${refused[0]}@example.com`, password: PASSWORD },
        })
      ).status,
    ).toBe(201);
  });
});

import { SettingsError } from '../../src/config/environment';
import { DEFAULT_STATIC_API_TOKENS, loadSettings, parseStaticTokens, parseTrustProxy } from '../../src/config/settings';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db:5432/cinemateca',
  JWT_SECRET: 'a-production-secret-that-is-long-enough-0123',
  TMDB_API_TOKEN: 'tmdb-read-token',
  CORS_ORIGINS: 'https://app.example',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
};

describe('settings', () => {
  it('gives the contract defaults in development with nothing set', () => {
    const settings = loadSettings({});
    expect(settings.app).toMatchObject({
      port: 3000,
      nodeEnv: 'development',
      isProduction: false,
      corsOrigins: ['http://localhost:5173'],
      rateLimitPerMinute: 300,
      trustProxy: false,
    });
    expect(settings.cache).toMatchObject({ redisUrl: undefined, ttlSeconds: 30, staleTtlSeconds: 86_400 });
    expect(settings.upstream).toEqual({ retries: 3, timeoutMs: 5000 });
    expect(settings.auth).toMatchObject({ jwtSecretGenerated: true, jwtExpiresIn: '1h', jwtExpiresInSeconds: 3600 });
    expect(settings.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(settings.auth.staticTokens).toEqual(parseStaticTokens(DEFAULT_STATIC_API_TOKENS));
    expect(settings.tmdb.baseUrl).toBe('https://api.themoviedb.org/3');
    expect(settings.notion.baseUrl).toBe('https://api.notion.com');
    expect(settings.airtable.endpointUrl).toBe('https://api.airtable.com');
    expect(settings.airtable.requestsPerSecond).toBe(4);
    expect(settings.tmdb.requestsPerSecond).toBe(40);
    expect(settings.sync).toEqual({ intervalMinutes: 5, onStartup: true, maxDeleteRatio: 0.1, notionReconcileMinutes: 60 });
    expect(settings.database.runMigrationsOnStartup).toBe(true);
  });

  it('reads every setting of the contract', () => {
    const settings = loadSettings({
      PORT: '8080',
      REDIS_URL: 'redis://cache:6379',
      CACHE_TTL_SECONDS: '60',
      CACHE_STALE_TTL_SECONDS: '3600',
      UPSTREAM_RETRIES: '5',
      UPSTREAM_TIMEOUT_MS: '2500',
      JWT_SECRET: 's',
      JWT_EXPIRES_IN: '15m',
      STATIC_API_TOKENS: 'tok-abcdefgh:robot:ADMIN',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      RATE_LIMIT_PER_MINUTE: '50',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      TMDB_BASE_URL: 'https://tmdb.example/3/',
      SYNC_INTERVAL_MINUTES: '0',
      SYNC_ON_STARTUP: 'false',
      SYNC_MAX_DELETE_RATIO: '0.25',
      NOTION_RECONCILE_MINUTES: '15',
      AIRTABLE_REQUESTS_PER_SECOND: '5',
      TMDB_REQUESTS_PER_SECOND: '25',
    });
    expect(settings.airtable.requestsPerSecond).toBe(5);
    expect(settings.tmdb.requestsPerSecond).toBe(25);
    expect(settings.app).toMatchObject({
      port: 8080,
      corsOrigins: ['https://a.example', 'https://b.example'],
      rateLimitPerMinute: 50,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
    });
    expect(settings.cache).toMatchObject({ redisUrl: 'redis://cache:6379', ttlSeconds: 60, staleTtlSeconds: 3600 });
    expect(settings.upstream).toEqual({ retries: 5, timeoutMs: 2500 });
    expect(settings.auth).toMatchObject({
      jwtSecret: 's',
      jwtSecretGenerated: false,
      jwtExpiresInSeconds: 900,
      staticTokens: [{ token: 'tok-abcdefgh', username: 'robot', role: 'ADMIN' }],
    });
    expect(settings.tmdb.baseUrl).toBe('https://tmdb.example/3');
    expect(settings.sync).toEqual({ intervalMinutes: 0, onStartup: false, maxDeleteRatio: 0.25, notionReconcileMinutes: 15 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['CACHE_TTL_SECONDS', '0'],
    ['UPSTREAM_RETRIES', '-1'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['SYNC_ON_STARTUP', 'maybe'],
    ['SYNC_MAX_DELETE_RATIO', '10%'],
    ['SYNC_MAX_DELETE_RATIO', '1.5'],
    ['JWT_EXPIRES_IN', 'forever'],
    ['NODE_ENV', 'staging'],
    ['AIRTABLE_REQUESTS_PER_SECOND', '0'],
    ['AIRTABLE_REQUESTS_PER_SECOND', '4.5'],
    ['TMDB_REQUESTS_PER_SECOND', '0'],
    ['TMDB_REQUESTS_PER_SECOND', 'fast'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsOf({ [name]: value }).join(' ')).toContain(name);
  });

  it.each([
    ['a malformed entry', 'justatoken'],
    ['an unknown role', 'abcdefgh:bob:ROOT'],
    ['a short token', 'abc:bob:USER'],
  ])('refuses STATIC_API_TOKENS with %s, without echoing the token', (_case, value) => {
    const problems = problemsOf({ STATIC_API_TOKENS: value }).join(' ');
    expect(problems).toContain('STATIC_API_TOKENS');
    if (value.startsWith('abcdefgh')) expect(problems).not.toContain('abcdefgh');
  });

  it('requires DATABASE_URL, JWT_SECRET, TMDB_API_TOKEN and CORS_ORIGINS in production, in one message', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(['DATABASE_URL, JWT_SECRET, TMDB_API_TOKEN, CORS_ORIGINS must be set when NODE_ENV=production']);
  });

  it('has no localhost CORS fallback in production', () => {
    const { CORS_ORIGINS: _cors, ...withoutCors } = production;
    expect(problemsOf(withoutCors)).toEqual(['CORS_ORIGINS must be set when NODE_ENV=production']);
    expect(problemsOf({ ...production, CORS_ORIGINS: ' ' })).toEqual(['CORS_ORIGINS must be set when NODE_ENV=production']);
    expect(loadSettings(production).app.corsOrigins).toEqual(['https://app.example']);
  });

  it.each(['TMDB_BASE_URL', 'NOTION_BASE_URL', 'AIRTABLE_ENDPOINT_URL'])(
    'requires https for %s in production, loopback excepted',
    (name) => {
      expect(problemsOf({ ...production, [name]: 'http://upstream.example' })).toEqual([`${name} must be an https URL in production`]);
      expect(problemsOf({ ...production, [name]: 'http://127.0.0.1:4010' })).toEqual([]);
      expect(problemsOf({ ...production, [name]: 'https://upstream.example' })).toEqual([]);
      expect(problemsOf({ [name]: 'http://upstream.example' })).toEqual([]);
    },
  );

  it('refuses a static token under 32 characters in production only, without echoing it', () => {
    const short = 'short-but-fine-in-dev-0123';
    const problems = problemsOf({ ...production, STATIC_API_TOKENS: `${short}:robot:ADMIN` });
    expect(problems).toEqual(['STATIC_API_TOKENS token for robot must be at least 32 characters in production']);
    expect(problems.join(' ')).not.toContain(short);
    expect(problemsOf({ STATIC_API_TOKENS: `${short}:robot:ADMIN` })).toEqual([]);
    expect(problemsOf({ ...production, STATIC_API_TOKENS: `${'x'.repeat(32)}:robot:ADMIN` })).toEqual([]);
  });

  it('reads the pool size and the authentication limits', () => {
    const settings = loadSettings({
      DATABASE_POOL_SIZE: '7',
      AUTH_FAILURES_PER_MINUTE: '5',
      PASSWORD_HASH_WORKERS: '2',
      PASSWORD_HASH_QUEUE: '3',
    });
    expect(settings.database.poolSize).toBe(7);
    expect(settings.auth).toMatchObject({ failuresPerMinute: 5, passwordHashWorkers: 2, passwordHashQueue: 3 });
    const defaults = loadSettings({});
    expect(defaults.database.poolSize).toBe(10);
    expect(defaults.auth).toMatchObject({ failuresPerMinute: 20, passwordHashQueue: 32 });
    expect(defaults.auth.passwordHashWorkers).toBeGreaterThanOrEqual(1);
    expect(problemsOf({ DATABASE_POOL_SIZE: '0' }).join(' ')).toContain('DATABASE_POOL_SIZE');
    expect(problemsOf({ AUTH_FAILURES_PER_MINUTE: '1e1' }).join(' ')).toContain('AUTH_FAILURES_PER_MINUTE');
  });

  it('refuses a placeholder or short JWT secret in production', () => {
    expect(problemsOf({ ...production, JWT_SECRET: 'changeme' }).join(' ')).toContain('JWT_SECRET');
  });

  it('has no static tokens in production unless STATIC_API_TOKENS names them', () => {
    expect(loadSettings(production).auth.staticTokens).toEqual([]);
    expect(
      loadSettings({ ...production, STATIC_API_TOKENS: 'k8s-probe-token-0123456789abcdefgh:probe:USER' }).auth.staticTokens,
    ).toHaveLength(1);
    expect(loadSettings(production).database.runMigrationsOnStartup).toBe(false);
  });

  it('parses TRUST_PROXY as the contract describes', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.1')).toEqual(['10.0.0.0/8', '192.168.1.1']);
  });
});

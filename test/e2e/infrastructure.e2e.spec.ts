import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';
import { AppCache } from '../../src/infra/cache/app-cache';
import { ReadinessCache } from '../../src/infra/health/readiness-cache';
import { postgresOptions } from '../../src/infra/database/postgres-options';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

const eventually = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};

describe('PostgreSQL going away and coming back (e2e)', () => {
  let proxy: TcpProxy;
  let api: TestApp;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    api = await startTestApp({ DATABASE_URL: proxied.toString() });
    // Every readiness request here must check afresh; the one-second cache is health-ready.e2e's subject.
    api.app.get(ReadinessCache).ttlMs = 0;
  });
  afterAll(async () => {
    await api.close();
    await proxy.close();
    await database.drop();
  });

  it('answers readiness 503 while the database is unreachable and recovers without a restart', async () => {
    expect((await api.request('GET', '/health/ready')).status).toBe(200);

    proxy.cut();
    const down = await api.request('GET', '/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.detail).toContain('database');
    // Liveness does not depend on the database: Kubernetes must not restart us for it.
    expect((await api.request('GET', '/health/live')).status).toBe(200);
    // A request that needs the database fails cleanly, not with a crash.
    const me = await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN });
    expect(me.status).toBeGreaterThanOrEqual(500);
    expect(me.headers.get('content-type')).toContain('application/problem+json');

    proxy.restore();
    expect(await eventually(async () => (await api.request('GET', '/health/ready')).status === 200)).toBe(true);
    expect((await api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN })).status).toBe(200);
  });
});

describe('Redis going away at runtime (e2e)', () => {
  let proxy: TcpProxy;
  let api: TestApp;
  const realRedis = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : undefined;

  beforeAll(async () => {
    // With a real Redis the proxy leads to it; without one it leads nowhere, which is an outage from the start.
    proxy = await startTcpProxy('127.0.0.1', realRedis ? Number(realRedis.port || 6379) : 1);
    api = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_PER_MINUTE: '10000' });
    api.app.get(ReadinessCache).ttlMs = 0;
  });
  afterAll(async () => {
    await api.close();
    await proxy.close();
  });

  it('keeps serving with the cache gone, and uses it again when it returns', async () => {
    const cache = api.app.get(AppCache);
    if (realRedis) {
      expect(await eventually(() => cache.healthy())).toBe(true);
      await cache.set('probe', { ok: 1 }, 60_000);
      expect(await cache.get('probe')).toEqual({ ok: 1 });
    }

    proxy.cut();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.request('GET', '/api/v1/auth/me', { token: USER_TOKEN })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(await cache.get('probe')).toBeUndefined();
    await cache.set('other', 1, 1000);
    expect(Date.now() - started).toBeLessThan(5000);
    const ready = await api.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.cache.state).toMatch(/degraded/);

    if (realRedis) {
      proxy.restore();
      expect(await eventually(() => cache.healthy())).toBe(true);
      expect(await cache.get('probe')).toEqual({ ok: 1 });
      expect((await api.request('GET', '/health/ready')).body.info.cache.state).toBe('connected');
    }
  });
});

describe('migrations on an empty database', () => {
  it('create the schema and the seeded users, and are all recorded', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource({ ...postgresOptions({ url: database.url, runMigrationsOnStartup: false, poolSize: 5 }) });
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations();
      expect(applied).toHaveLength(ALL_MIGRATIONS.length);
      expect(await dataSource.runMigrations()).toHaveLength(0);
      const users = await dataSource.query('SELECT id, username, role FROM users ORDER BY id');
      expect(users).toEqual([
        { id: 1, username: 'admin', role: 'ADMIN' },
        { id: 2, username: 'consumer', role: 'USER' },
      ]);
      await dataSource.undoLastMigration();
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});

import { DataSource } from 'typeorm';
import { ReadinessCache } from '../../src/infra/health/readiness-cache';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * /health/ready is public: each answer is kept for a second so a flood of probes costs the database one ping a
 * second. The database is taken away through a proxy, and the clock is moved rather than waited for.
 */
describe('/health/ready answers from a one-second cache (e2e)', () => {
  let proxy: TcpProxy;
  let api: TestApp;
  let database: TestDatabase;
  let now = 1_000_000;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    api = await startTestApp({ DATABASE_URL: proxied.toString() });
    api.app.get(ReadinessCache).now = () => now;
  });
  afterAll(async () => {
    await api.close();
    await proxy.close();
    await database.drop();
  });

  const ready = () => api.request('GET', '/health/ready');

  it('serves one answer, up or down, for a second, then checks again', async () => {
    const first = await ready();
    expect(first.status).toBe(200);

    // The database goes away: within the second every caller still gets the answer already computed.
    proxy.cut();
    now += 900;
    const burst = await Promise.all(Array.from({ length: 20 }, ready));
    expect(burst.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(burst[0].body).toEqual(first.body);

    // A second later the next caller checks again, and the failure is kept for a second in turn.
    now += 200;
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.detail).toContain('database');
    proxy.restore();
    now += 900;
    expect((await ready()).status).toBe(503);

    now += 200;
    const back = await ready();
    expect(back.status).toBe(200);
  });

  it('pings the database once for callers that arrive together, and not again within the second', async () => {
    // A spy that calls through: the ping still reaches the real database, the test only counts them.
    const query = jest.spyOn(api.app.get(DataSource), 'query');
    const pings = () => query.mock.calls.filter(([sql]) => sql === 'SELECT 1').length;
    try {
      now += 5000;
      const answers = await Promise.all(Array.from({ length: 10 }, ready));
      now += 500;
      answers.push(await ready());
      expect(answers.map((answer) => answer.status)).toEqual(Array(11).fill(200));
      expect(pings()).toBe(1);
      now += 600;
      await ready();
      expect(pings()).toBe(2);
    } finally {
      query.mockRestore();
    }
  });
});

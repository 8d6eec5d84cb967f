import { createClient } from '@keyv/redis';
import { SharedRateCounter } from '../../src/infra/rate-limit/shared-rate-counter';
import { seededRandom } from '../../simulators/simulator-kit';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

const LIMIT = 200;

/**
 * Two replicas on one Redis count one user's requests against one limit, each admitting most hits from a
 * slice it leased from Redis: the limit holds across them within 10 % (the contract), never above it.
 */
describe('rate limits shared by replicas (e2e)', () => {
  const redisUrl = process.env.REDIS_URL;
  let replicas: TestApp[] = [];
  const prefix = `test:ratelimit:${process.pid}:${Date.now()}:`;

  beforeAll(async () => {
    if (!redisUrl) throw new Error('this test needs REDIS_URL: it is about replicas sharing Redis');
    const first = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_KEY_PREFIX: prefix });
    const second = await startTestApp({
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: first.database?.url,
    });
    replicas = [first, second];
    // One pinned instant for both: the whole test happens inside one window.
    const instant = Date.now();
    for (const replica of replicas) replica.app.get(SharedRateCounter).now = () => instant;
  });
  afterAll(async () => {
    for (const replica of [...replicas].reverse()) await replica.close();
  });

  it('admits between 90 % and 100 % of the limit, whichever replica each request reaches', async () => {
    const random = seededRandom(3);
    const served = [0, 0];
    const statuses: number[] = [];
    for (let batch = 0; batch < 30; batch++) {
      const sent = Array.from({ length: 10 }, () => (random() < 0.5 ? 0 : 1));
      const responses = await Promise.all(
        sent.map((replica) => replicas[replica].request('GET', '/api/v1/auth/me', { token: USER_TOKEN })),
      );
      responses.forEach((response, i) => {
        statuses.push(response.status);
        if (response.status === 200) served[sent[i]] += 1;
      });
    }
    const admitted = served[0] + served[1];
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    // Once refused, refused: the window is spent on both replicas.
    expect(statuses.slice(statuses.indexOf(429) + 20).every((status) => status === 429)).toBe(true);
  });

  it('asks Redis once per leased slice, not once per request', async () => {
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    try {
      for (let i = 0; i < 3; i++)
        expect((await replicas[0].request('GET', '/api/v1/auth/me', { token: 'abcdef1234567890' })).status).toBe(200);
      const keys = await redis.keys(`${prefix}ratelimit:*`);
      const counts = await Promise.all(keys.map((key) => redis.get(key)));
      // The admin's key on /auth/me holds one lease of 2 % of the limit, though three requests were admitted.
      expect(counts).toContain(String(LIMIT * 0.02));
    } finally {
      await redis.close();
    }
  });
});

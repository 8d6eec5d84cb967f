import { ConfigService } from '@nestjs/config';
import { AuthFailureLimiter } from '../../src/auth/auth-failure-limiter';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_CLIENT, LoginLimiter } from '../../src/auth/login-limiter';
import { RateLimitedError } from '../../src/common/errors/domain-error';
import { WindowCounter } from '../../src/infra/rate-limit/window-counter';
import { RedisConnection } from '../../src/infra/redis/redis-connection';

/** No Redis: the counters of this process, on a clock the test moves. */
function inProcess() {
  const clock = { now: 1_000_000 };
  const redis = { client: undefined, keyPrefix: 'unit:' } as unknown as RedisConnection;
  const counter = new WindowCounter(redis, () => clock.now);
  return { clock, redis, counter };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('LoginLimiter', () => {
  it('refuses a client after 10 failures for one account, until the 15-minute window ends', async () => {
    const { clock, counter } = inProcess();
    const limiter = new LoginLimiter(counter);
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_CLIENT; attempt++) await limiter.begin('198.51.100.1', 'id:3');
    const refused = await rejection(limiter.begin('198.51.100.1', 'id:3'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(15 * 60);
    // Another account from that client, and that account from another client, are not affected.
    await expect(limiter.begin('198.51.100.1', 'id:4')).resolves.toBeDefined();
    await expect(limiter.begin('198.51.100.2', 'id:3')).resolves.toBeDefined();
    clock.now += 15 * 60_000;
    await expect(limiter.begin('198.51.100.1', 'id:3')).resolves.toBeDefined();
  });

  it('refuses everyone after 100 failures for one account from all clients together', async () => {
    const { counter } = inProcess();
    const limiter = new LoginLimiter(counter);
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT; attempt++) await limiter.begin(`203.0.113.${attempt % 50}`, 'id:3');
    expect(await rejection(limiter.begin('192.0.2.99', 'id:3'))).toBeInstanceOf(RateLimitedError);
    await expect(limiter.begin('192.0.2.99', 'id:5')).resolves.toBeDefined();
  });

  it('never lets one client alone reach the account limit (no cheap lock-out of others)', async () => {
    const { counter } = inProcess();
    const limiter = new LoginLimiter(counter);
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT * 2; attempt++) await rejection(limiter.begin('198.51.100.9', 'id:3'));
    await expect(limiter.begin('198.51.100.10', 'id:3')).resolves.toBeDefined();
  });

  it("clears only the succeeding client's count, and gives back a cancelled attempt", async () => {
    const { counter } = inProcess();
    const limiter = new LoginLimiter(counter);
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_CLIENT; attempt++) {
      await limiter.begin('198.51.100.1', 'id:3');
      await limiter.begin('198.51.100.2', 'id:3');
    }
    await (await limiter.begin('198.51.100.3', 'id:3')).succeeded();
    expect(await rejection(limiter.begin('198.51.100.1', 'id:3'))).toBeInstanceOf(RateLimitedError);
    expect(await rejection(limiter.begin('198.51.100.2', 'id:3'))).toBeInstanceOf(RateLimitedError);

    const { counter: fresh } = inProcess();
    const other = new LoginLimiter(fresh);
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_CLIENT * 3; attempt++) await (await other.begin('198.51.100.1', 'id:3')).cancelled();
    await expect(other.begin('198.51.100.1', 'id:3')).resolves.toBeDefined();
  });
});

describe('AuthFailureLimiter', () => {
  const limiterWith = (failuresPerMinute: number) => {
    const { clock, redis, counter } = inProcess();
    const config = { get: () => ({ failuresPerMinute }) } as unknown as ConfigService;
    return { clock, limiter: new AuthFailureLimiter(counter, redis, config as never, () => clock.now) };
  };

  it('lets 20 failures through as they are, answers the 21st with 429, and blocks the client before any work until the minute ends', async () => {
    const { clock, limiter } = limiterWith(20);
    for (let failure = 0; failure < 20; failure++) {
      limiter.assertNotBlocked('203.0.113.5');
      await limiter.recordFailure('203.0.113.5');
    }
    // The 21st request is refused before its token is looked at, whatever the token.
    expect(() => limiter.assertNotBlocked('203.0.113.5')).toThrow(RateLimitedError);
    const refused = await rejection(limiter.recordFailure('203.0.113.5'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(60);
    expect(() => limiter.assertNotBlocked('203.0.113.5')).toThrow(RateLimitedError);
    expect(() => limiter.assertNotBlocked('203.0.113.6')).not.toThrow();
    clock.now += 30_000;
    expect(() => limiter.assertNotBlocked('203.0.113.5')).toThrow(RateLimitedError);
    clock.now += 30_001;
    expect(() => limiter.assertNotBlocked('203.0.113.5')).not.toThrow();
    await expect(limiter.recordFailure('203.0.113.5')).resolves.toBeUndefined();
  });
});

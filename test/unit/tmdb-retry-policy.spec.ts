import { parseRetryAfter, RetryPolicy } from '../../src/movies/upstream/retry-policy';

describe('RetryPolicy', () => {
  const policy = (random: number) =>
    new RetryPolicy({ retries: 3, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 5000, random: () => random });

  it('waits a random time up to base * 2^(retry-1) (full jitter)', () => {
    expect([1, 2, 3, 4].map((retry) => policy(0.999).delayBeforeRetry(retry))).toEqual([99, 199, 399, 799]);
    expect(policy(0).delayBeforeRetry(3)).toBe(0);
    expect(policy(0.5).delayBeforeRetry(2)).toBe(100);
  });

  it('never backs off longer than the cap', () => {
    expect(policy(0.999).delayBeforeRetry(10)).toBe(1998);
  });

  it('waits at least what Retry-After asks, up to its own limit', () => {
    expect(policy(0.1).delayBeforeRetry(1, 1000)).toBe(1000);
    expect(policy(0.999).delayBeforeRetry(10, 1000)).toBe(1998);
    expect(policy(0.1).delayBeforeRetry(1, 5000)).toBe(5000);
    expect(policy(0.1).delayBeforeRetry(1, 5001)).toBeUndefined();
  });

  it('knows its retry count', () => {
    expect(policy(0).retries).toBe(3);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(['1'], now)).toBeUndefined();
  });
});

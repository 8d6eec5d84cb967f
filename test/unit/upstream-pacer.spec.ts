import { UpstreamPacer } from '../../src/infra/pacing/upstream-pacer';
import { BaseRateLimiter } from '../../simulators/airtable/base-rate-limiter';
import { seededRandom } from '../../simulators/simulator-kit';
import { FakeClock } from '../support/fake-clock';

/**
 * An upstream that counts requests when they arrive, in a one-second sliding window (Airtable's rule, as the
 * simulator enforces it), reached over a network whose latency each way is random.
 */
function upstream(clock: FakeClock, requestsPerSecond: number, maxLatencyMs: number, seed = 7) {
  const limiter = new BaseRateLimiter(requestsPerSecond, 30_000, () => clock.now());
  const random = seededRandom(seed);
  const arrivals: number[] = [];
  let refused = 0;
  return {
    arrivals,
    refused: () => refused,
    async call(): Promise<void> {
      await clock.sleep(1 + random() * maxLatencyMs);
      arrivals.push(clock.now());
      if (!limiter.admit()) refused += 1;
      await clock.sleep(1 + random() * maxLatencyMs);
    },
  };
}

/** The most arrivals in any window of `windowMs` (a window is (t - windowMs, t]). */
function busiestWindow(arrivals: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < arrivals.length; i++) {
    let count = 0;
    for (let j = i; j >= 0 && arrivals[j] > arrivals[i] - windowMs; j--) count++;
    most = Math.max(most, count);
  }
  return most;
}

describe('UpstreamPacer', () => {
  it('lists 500 pages one after another at 5/s under a sliding window with jittery latency: no 429, within 10 % of 100 s', async () => {
    const clock = new FakeClock();
    const pacer = new UpstreamPacer(() => 5, 1000, clock);
    const airtable = upstream(clock, 5, 25);
    const listing = (async () => {
      for (let page = 0; page < 500; page++) await pacer.run(() => airtable.call());
    })();
    await clock.runUntilIdle();
    await listing;

    expect(airtable.refused()).toBe(0);
    expect(airtable.arrivals).toHaveLength(500);
    expect(busiestWindow(airtable.arrivals, 1000)).toBe(5);
    expect(clock.now()).toBeGreaterThan(99_000);
    expect(clock.now()).toBeLessThan(110_000);
  });

  it('is needed: sends spaced exactly 1/rate apart draw 429s from the same upstream', async () => {
    const clock = new FakeClock();
    const airtable = upstream(clock, 5, 25);
    const listing = (async () => {
      for (let page = 0; page < 100; page++) {
        const sentAt = clock.now();
        await airtable.call();
        await clock.sleep(sentAt + 200 - clock.now());
      }
    })();
    await clock.runUntilIdle();
    await listing;

    expect(airtable.refused()).toBeGreaterThan(0);
  });

  it('holds concurrent callers to the rate, spaced, in arrival order', async () => {
    const clock = new FakeClock();
    const pacer = new UpstreamPacer(() => 40, 1000, clock);
    const tmdb = upstream(clock, 40, 50, 11);
    const order: number[] = [];
    const sends: number[] = [];
    const calls = Array.from({ length: 100 }, (_, i) =>
      pacer.run(async () => {
        order.push(i);
        sends.push(clock.now());
        await tmdb.call();
      }),
    );
    await clock.runUntilIdle();
    await Promise.all(calls);

    expect(tmdb.refused()).toBe(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(Math.min(...sends.slice(1).map((at, i) => at - sends[i]))).toBeGreaterThanOrEqual(25);
    expect(busiestWindow(tmdb.arrivals, 1000)).toBeLessThanOrEqual(40);
    // 100 calls at 40/s: the spacing alone needs 2.5 s; the window adds about one round trip per 40.
    expect(clock.now()).toBeLessThan(2_700);
  });

  it('does not pace at 0, reads the rate at every call, and stops waiting when aborted', async () => {
    const clock = new FakeClock();
    let rate = 0;
    const pacer = new UpstreamPacer(() => rate, 1000, clock);
    for (let i = 0; i < 50; i++) (await pacer.acquire())();
    expect(clock.now()).toBe(0);

    rate = 1;
    (await pacer.acquire())();
    const abort = new AbortController();
    const waiting = pacer.acquire(abort.signal);
    const outcome = waiting.then(
      () => 'granted',
      (error: Error) => error.name,
    );
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    expect(await outcome).toBe('AbortError');
    await expect(pacer.acquire(abort.signal)).rejects.toThrow(/abort/i);
  });

  it('frees a slot only a window after its call answered, however long the call took', async () => {
    const clock = new FakeClock();
    const pacer = new UpstreamPacer(() => 1, 1000, clock);
    const sends: number[] = [];
    const slowThenFast = [5_000, 10].map((ms) =>
      pacer.run(async () => {
        sends.push(clock.now());
        await clock.sleep(ms);
      }),
    );
    await clock.runUntilIdle();
    await Promise.all(slowThenFast);

    expect(sends).toEqual([0, 6_000]);
  });
});

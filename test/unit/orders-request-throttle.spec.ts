import { RequestThrottle } from '../../src/orders/request-throttle';

describe('RequestThrottle', () => {
  it('spaces requests 1/rate apart across concurrent callers', async () => {
    const throttle = new RequestThrottle(() => 20);
    const origin = Date.now();
    const starts = await Promise.all(Array.from({ length: 5 }, () => throttle.acquire().then(() => Date.now() - origin)));
    starts.sort((a, b) => a - b);
    expect(starts[0]).toBeLessThan(25);
    starts.forEach((start, i) => expect(start).toBeGreaterThanOrEqual(i * 50 - 3));
  });

  it('lets a caller through at once when the last request is older than the spacing', async () => {
    let now = 10_000;
    const throttle = new RequestThrottle(() => 4, () => now);
    await throttle.acquire();
    now += 250;
    const started = Date.now();
    await throttle.acquire();
    expect(Date.now() - started).toBeLessThan(20);
  });

  it('does not pace when the rate is 0, and stops waiting when aborted', async () => {
    const free = new RequestThrottle(() => 0);
    const started = Date.now();
    for (let i = 0; i < 100; i += 1) await free.acquire();
    expect(Date.now() - started).toBeLessThan(50);

    const slow = new RequestThrottle(() => 1);
    await slow.acquire();
    const abort = new AbortController();
    const waiting = slow.acquire(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
    await expect(slow.acquire(abort.signal)).rejects.toThrow(/abort/i);
  });
});

import { NotionPacer } from '../../src/notion/notion-pacer';

/** When each of `count` acquisitions went through, in ms after `startedAt` (default: now). */
async function timesOf(pacer: NotionPacer, count: number, startedAt = Date.now()): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, () => pacer.acquire().then(() => Date.now() - startedAt)));
}

describe('NotionPacer', () => {
  it('lets the burst go at once, then one request per 1/rate seconds, in arrival order', async () => {
    const pacer = new NotionPacer();
    pacer.configure({ requestsPerSecond: 20, burst: 2 });

    const times = await timesOf(pacer, 6);

    expect(times.slice(0, 2).every((time) => time < 30)).toBe(true);
    expect(times[5]).toBeGreaterThanOrEqual(190);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('holds everyone for Retry-After after a 429, then goes at half the pace without a burst, and recovers per success', async () => {
    const pacer = new NotionPacer();
    pacer.configure({ requestsPerSecond: 40, burst: 4 });

    // Times count from the 429 itself: on a loaded machine the assertions below may take a while to run.
    const limitedAt = Date.now();
    pacer.rateLimited(150);
    expect(pacer.pausedForMs()).toBeGreaterThan(100);
    expect(pacer.requestsPerSecond).toBe(20);
    const times = await timesOf(pacer, 2, limitedAt);

    expect(times[0]).toBeGreaterThanOrEqual(145);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(40);
    for (let success = 0; success < 30; success += 1) pacer.succeeded();
    expect(pacer.requestsPerSecond).toBe(40);
  });

  it('never slows below a floor however many 429s arrive', () => {
    const pacer = new NotionPacer();
    for (let limited = 0; limited < 20; limited += 1) pacer.rateLimited(0);
    expect(pacer.requestsPerSecond).toBe(0.25);
  });
});

import { NotionPacer, PacerClock } from '../../src/notion/notion-pacer';

/** Virtual time: a wait advances the clock at once, so the pacing is exact and the test never really waits. */
class VirtualClock implements PacerClock {
  private ms = 1_000_000;
  now(): number {
    return this.ms;
  }
  async sleep(ms: number): Promise<void> {
    this.ms += ms;
  }
}

function pacerOnVirtualTime(): { pacer: NotionPacer; clock: VirtualClock } {
  const clock = new VirtualClock();
  const pacer = new NotionPacer();
  pacer.useClock(clock);
  return { pacer, clock };
}

/** When each of `count` acquisitions, asked at once, went through: in ms after they were asked. */
async function timesOf(pacer: NotionPacer, clock: VirtualClock, count: number): Promise<number[]> {
  const startedAt = clock.now();
  return Promise.all(Array.from({ length: count }, () => pacer.acquire().then(() => clock.now() - startedAt)));
}

describe('NotionPacer', () => {
  it('lets the burst go at once, then one request per 1/rate seconds, in arrival order', async () => {
    const { pacer, clock } = pacerOnVirtualTime();
    pacer.configure({ requestsPerSecond: 20, burst: 2 });

    const times = await timesOf(pacer, clock, 6);

    expect(times).toEqual([0, 0, 50, 100, 150, 200]);
  });

  it('holds everyone for Retry-After after a 429, then goes at half the pace without a burst, and recovers per success', async () => {
    const { pacer, clock } = pacerOnVirtualTime();
    pacer.configure({ requestsPerSecond: 40, burst: 4 });

    pacer.rateLimited(150);
    expect(pacer.pausedForMs()).toBe(150);
    expect(pacer.requestsPerSecond).toBe(20);
    const times = await timesOf(pacer, clock, 3);

    // Nobody before the pause ends, then one at a time at 20/s: no burst of the four tokens the full pace had.
    expect(times).toEqual([150, 200, 250]);
    for (let success = 0; success < 30; success += 1) pacer.succeeded();
    expect(pacer.requestsPerSecond).toBe(40);
  });

  it('never slows below a floor however many 429s arrive', () => {
    const pacer = new NotionPacer();
    for (let limited = 0; limited < 20; limited += 1) pacer.rateLimited(0);
    expect(pacer.requestsPerSecond).toBe(0.25);
  });
});

import bcrypt from 'bcryptjs';
import { BcryptPool } from '../../src/auth/bcrypt-pool';
import { OverloadedError } from '../../src/common/errors/domain-error';

/** The longest pause of this thread's event loop while `work` runs, sampled by a 1 ms timer. */
async function longestPauseMs(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe('BcryptPool', () => {
  let pool: BcryptPool;
  afterEach(() => pool?.close());

  it('hashes and compares like bcrypt itself', async () => {
    pool = new BcryptPool(1, 4);
    const hash = await pool.hash('correct horse', 4);
    expect(bcrypt.compareSync('correct horse', hash)).toBe(true);
    await expect(pool.compare('correct horse', hash)).resolves.toBe(true);
    await expect(pool.compare('wrong horse', hash)).resolves.toBe(false);
    await expect(pool.compare('x', 'not a bcrypt hash')).resolves.toBe(false);
    await expect(pool.hash(undefined as unknown as string, 4)).rejects.toThrow(/Illegal/);
    await expect(pool.hash('still working', 4)).resolves.toMatch(/^\$2/);
  });

  it('keeps the event loop free while it hashes (bcryptjs on this thread holds it for up to 100 ms at a time)', async () => {
    pool = new BcryptPool(2, 8);
    await pool.hash('warm-up', 4);
    const singleHashMs = await longestPauseMs(() => bcrypt.hash('on this thread', 10));
    const pooledMs = await longestPauseMs(() => Promise.all(Array.from({ length: 4 }, (_, index) => pool.hash(`password-${index}`, 10))));
    expect(singleHashMs).toBeGreaterThan(20);
    expect(pooledMs).toBeLessThan(singleHashMs / 2);
  });

  it('answers OverloadedError at once when its bounded queue is full, and serves the rest', async () => {
    pool = new BcryptPool(1, 2);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => pool.hash(`password-${index}`, 6)));
    const refused = results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const error of refused) {
      expect(error).toBeInstanceOf(OverloadedError);
      expect((error as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(pool.queued).toBe(0);
    await expect(pool.hash('after the burst', 4)).resolves.toMatch(/^\$2[aby]\$04\$/);
  });
});

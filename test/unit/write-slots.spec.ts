import { ConflictError, OverloadedError, RateLimitedError } from '../../src/common/errors/domain-error';
import { WriteLimits, WriteSlots } from '../../src/reviews/write-slots';

/** A write the test finishes by hand. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteSlots', () => {
  it('runs at most `slots` writes at once and the rest in arrival order', async () => {
    const slots = new WriteSlots(() => ({ slots: 2, queue: 10, perUser: 10 }));
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (id: number) =>
      slots.run({ userId: id }, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(id);
        running -= 1;
        return id;
      });

    const results = await Promise.all([1, 2, 3, 4, 5].map(work));

    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it('frees the slot and the claims when a write fails', async () => {
    const slots = new WriteSlots(() => ({ slots: 1, queue: 0, perUser: 1 }));
    await expect(slots.run({ userId: 1, reviewId: 9 }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run({ userId: 1, reviewId: 9 }, async () => 'next')).resolves.toBe('next');
  });

  it('refuses a write when the queue is full: 503 with a Retry-After that grows with the queue', async () => {
    const slots = new WriteSlots(() => ({ slots: 1, queue: 2, perUser: 5 }));
    const writes = [held(), held(), held()];
    const admitted = writes.map((write, index) => slots.run({ userId: index + 1 }, write.work));

    const refused = await slots.run({ userId: 9 }, async () => 'never').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(OverloadedError);
    expect(refused).toMatchObject({ kind: 'overloaded', code: 'ReviewWritesBusy' });
    expect((refused as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(2);
    writes.forEach((write) => write.finish());
    await Promise.all(admitted);
    await expect(slots.run({ userId: 9 }, async () => 'now')).resolves.toBe('now');
  });

  it("caps one user's writes in flight (429), while other users still get in", async () => {
    const slots = new WriteSlots(() => ({ slots: 8, queue: 8, perUser: 2 }));
    const writes = [held(), held()];
    const admitted = writes.map((write) => slots.run({ userId: 1 }, write.work));

    const third = await slots.run({ userId: 1 }, async () => 'never').catch((error: unknown) => error);

    expect(third).toBeInstanceOf(RateLimitedError);
    expect(third).toMatchObject({ kind: 'rate_limited', code: 'TooManyReviewWrites', retryAfterSeconds: expect.any(Number) });
    await expect(slots.run({ userId: 2 }, async () => 'other user')).resolves.toBe('other user');
    writes.forEach((write) => write.finish());
    await Promise.all(admitted);
    await expect(slots.run({ userId: 1 }, async () => 'again')).resolves.toBe('again');
  });

  it('answers 409 at once for a review already admitted, running or waiting', async () => {
    const limits: WriteLimits = { slots: 1, queue: 5, perUser: 5 };
    const slots = new WriteSlots(() => limits);
    const running = held();
    const first = slots.run({ userId: 1, reviewId: 7 }, running.work);
    const waiting = held();
    const queued = slots.run({ userId: 2, reviewId: 8 }, waiting.work);
    await settle();

    for (const reviewId of [7, 8]) {
      const again = await slots.run({ userId: 3, reviewId }, async () => 'never').catch((error: unknown) => error);
      expect(again).toBeInstanceOf(ConflictError);
      expect(again).toMatchObject({ code: 'ReviewBusy' });
    }
    running.finish();
    waiting.finish();
    await Promise.all([first, queued]);
  });

  it('estimates Retry-After from the measured length of writes, on an injected clock', async () => {
    let now = 0;
    const slots = new WriteSlots(
      () => ({ slots: 1, queue: 0, perUser: 5 }),
      () => now,
    );
    for (let index = 0; index < 30; index += 1) {
      await slots.run({ userId: 1 }, async () => {
        now += 4000;
      });
    }
    const running = held();
    const admitted = slots.run({ userId: 1 }, running.work);
    const refused = await slots.run({ userId: 2 }, async () => 'never').catch((error: unknown) => error);
    // Thirty writes of 4 s have moved the estimate from 1 s most of the way to 4 s.
    expect((refused as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(3);
    running.finish();
    await admitted;
  });
});

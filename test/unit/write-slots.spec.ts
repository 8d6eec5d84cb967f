import { WriteSlots } from '../../src/reviews/write-slots';

describe('WriteSlots', () => {
  it('runs at most `size` works at once and the rest in arrival order', async () => {
    const slots = new WriteSlots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (id: number) =>
      slots.run(async () => {
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

  it('frees the slot when a work fails', async () => {
    const slots = new WriteSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});

import { mapBounded } from '../../src/movie-snapshots/bounded-map';

describe('mapBounded', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 6, 2, 1, 3], 3, async (ms) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms * 3));
      running -= 1;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60, 20, 10, 30]);
    expect(peak).toBe(3);
  });

  it('handles no items and fewer items than the limit', async () => {
    await expect(mapBounded([], 8, async (x: number) => x)).resolves.toEqual([]);
    await expect(mapBounded([1, 2], 8, async (x) => x + 1)).resolves.toEqual([2, 3]);
  });

  it('fails when a call fails', async () => {
    await expect(mapBounded([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error('boom')) : x))).rejects.toThrow('boom');
  });
});

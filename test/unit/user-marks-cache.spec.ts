import { UserMovieFlags } from '../../src/movies/user-marks.port';
import { RedisConnection } from '../../src/infra/redis/redis-connection';
import { UserMarksCache } from '../../src/user-marks/user-marks.cache';
import { UserMarksRepository } from '../../src/user-marks/user-marks.repository';

type Marks = Map<number, UserMovieFlags>;

/** The marks table of one user, answering each load only when the test says so. */
class ControlledMarks {
  loads = 0;
  private pending: Array<(marks: Marks) => void> = [];
  current: Marks = new Map();

  async allMarked(): Promise<Marks> {
    this.loads += 1;
    return new Promise((resolve) => this.pending.push(resolve));
  }

  async forMovies(): Promise<Marks> {
    throw new Error('not used while the user fits the cache');
  }

  /** Answers the oldest load in flight with what the table held when that load read it. */
  answer(marks: Marks): void {
    this.pending.shift()?.(marks);
  }
}

const favorite = (tmdbId: number): Marks => new Map([[tmdbId, { favorite: true, myRating: null } as UserMovieFlags]]);

function cacheOver(marks: ControlledMarks): UserMarksCache {
  const noRedis = { client: undefined, keyPrefix: 'unit:' } as unknown as RedisConnection;
  return new UserMarksCache(marks as unknown as UserMarksRepository, noRedis);
}

describe('UserMarksCache race guard (repository faked, no Redis)', () => {
  it('never stores a load that started before an invalidation', async () => {
    const marks = new ControlledMarks();
    const cache = cacheOver(marks);

    // A request starts loading the user's marks: the table has no favorite yet.
    const staleRead = cache.forMovies(7, [550]);
    // Meanwhile the user favorites 550: the write invalidates before the slow load answers.
    await cache.invalidate(7);
    marks.answer(new Map());
    expect((await staleRead).get(550)?.favorite).toBe(false);

    // The stale answer was not kept: the next request loads again and sees the favorite.
    const fresh = cache.forMovies(7, [550]);
    marks.answer(favorite(550));
    expect((await fresh).get(550)?.favorite).toBe(true);
    expect(marks.loads).toBe(2);
  });

  it('keeps a load that no write raced, so the next request asks no database', async () => {
    const marks = new ControlledMarks();
    const cache = cacheOver(marks);

    const first = cache.forMovies(7, [550, 603]);
    marks.answer(favorite(550));
    expect(await first).toEqual(
      new Map([
        [550, { favorite: true, myRating: null }],
        [603, expect.objectContaining({ favorite: false, myRating: null })],
      ]),
    );
    expect((await cache.forMovies(7, [550])).get(550)?.favorite).toBe(true);
    expect(marks.loads).toBe(1);
  });

  it("an invalidation of one user leaves another user's marks cached", async () => {
    const marks = new ControlledMarks();
    const cache = cacheOver(marks);
    const load = cache.forMovies(8, [550]);
    marks.answer(favorite(550));
    await load;

    await cache.invalidate(7);
    expect((await cache.forMovies(8, [550])).get(550)?.favorite).toBe(true);
    expect(marks.loads).toBe(1);
  });
});

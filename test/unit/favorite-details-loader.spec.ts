import { Logger } from '@nestjs/common';
import { NotFoundError, UpstreamError } from '../../src/common/errors/domain-error';
import { DETAILS_CONCURRENCY, FavoriteDetailsLoader } from '../../src/favorites/favorite-details.loader';
import type { MovieDetails } from '../../src/movies/movie.types';
import type { TmdbPort } from '../../src/movies/tmdb.port';

/** A TmdbPort whose TMDB is a map, failing for chosen ids, recording what was asked. */
class FakeTmdb {
  running = 0;
  peak = 0;
  readonly asked: number[] = [];
  readonly peeked: number[] = [];
  constructor(
    private readonly failures: Map<number, Error>,
    private readonly cached: Set<number> = new Set(),
  ) {}

  async getMovieDetails(tmdbId: number): Promise<MovieDetails> {
    this.asked.push(tmdbId);
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.running -= 1;
    const failure = this.failures.get(tmdbId);
    if (failure) throw failure;
    return { tmdbId, title: `Movie ${tmdbId}` } as MovieDetails;
  }

  async cachedMovieDetails(tmdbId: number): Promise<MovieDetails | undefined> {
    this.peeked.push(tmdbId);
    return this.cached.has(tmdbId) ? ({ tmdbId, title: `Cached ${tmdbId}` } as MovieDetails) : undefined;
  }
}

describe('FavoriteDetailsLoader', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const ids = Array.from({ length: 40 }, (_, index) => index + 1);

  it('loads every movie with at most 8 calls at once', async () => {
    const tmdb = new FakeTmdb(new Map());
    const details = await new FavoriteDetailsLoader(tmdb as unknown as TmdbPort).load(ids);
    expect([...details.keys()]).toEqual(ids);
    expect(tmdb.peak).toBe(DETAILS_CONCURRENCY);
  });

  it('leaves out a movie TMDB no longer has, and carries on asking TMDB for the others', async () => {
    const tmdb = new FakeTmdb(new Map([[3, new NotFoundError('MovieNotFound', 'gone')]]));
    const details = await new FavoriteDetailsLoader(tmdb as unknown as TmdbPort).load(ids);
    expect(details.has(3)).toBe(false);
    expect(details.size).toBe(39);
    expect(tmdb.peeked).toEqual([]);
  });

  it('once TMDB fails, takes the rest from the cache only', async () => {
    const tmdb = new FakeTmdb(new Map([[1, new UpstreamError('upstream_unavailable', 'tmdb', 'down')]]), new Set([30]));
    const details = await new FavoriteDetailsLoader(tmdb as unknown as TmdbPort).load(ids);
    expect(tmdb.asked.length).toBeLessThanOrEqual(DETAILS_CONCURRENCY);
    expect(details.get(30)).toMatchObject({ title: 'Cached 30' });
    expect(details.has(1)).toBe(false);
  });

  it('lets a programming error through', async () => {
    const tmdb = new FakeTmdb(new Map([[2, new TypeError('bug')]]));
    await expect(new FavoriteDetailsLoader(tmdb as unknown as TmdbPort).load([1, 2])).rejects.toBeInstanceOf(TypeError);
  });
});

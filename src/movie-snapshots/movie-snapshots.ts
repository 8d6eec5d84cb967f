import { Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import type { MovieDetails } from '../movies/movie.types';
import { TmdbPort } from '../movies/tmdb.port';
import { mapBounded } from './bounded-map';
import { DescribedMovie, MovieSnapshot } from './movie-snapshot';
import { SnapshotRefresher } from './snapshot-refresher';
import { SnapshotStore } from './snapshot-store';

/** TMDB calls in flight at once for the missing snapshots of one list; TMDB's client paces them further. */
export const DETAILS_CONCURRENCY = 20;

export interface MovieSnapshotsOptions {
  /** A snapshot older than this is refreshed in the background (CACHE_TTL_SECONDS). */
  freshMs: number;
  now: () => number;
}

export interface DescribeOptions {
  /**
   * Most TMDB calls this answer may wait on (missing snapshots); the other missing movies are taken from
   * TMDB's cache if it has them and fetched in the background for the next reader. Unbounded by default.
   */
  maxUpstreamCalls?: number;
}

/**
 * The details of the movies in per-user lists, from snapshots shared by all users: a list answers at once
 * from them, refreshes those older than the cache TTL in the background (stale-while-revalidate), and waits
 * only for movies that have no snapshot yet. Once TMDB has failed for one missing movie, the rest are taken
 * from TMDB's cache only: a list must not wait for every retry of every movie while TMDB is down.
 */
export class MovieSnapshots {
  private readonly logger = new Logger('MovieSnapshots');

  constructor(
    private readonly tmdb: TmdbPort,
    private readonly store: SnapshotStore,
    private readonly refresher: SnapshotRefresher,
    private readonly options: MovieSnapshotsOptions,
  ) {}

  /** Keeps what TMDB just said of a movie a user added to a list. */
  async remember(details: MovieDetails): Promise<void> {
    await this.store.save([{ details, fetchedAt: new Date(this.options.now()) }]);
  }

  /** The movies that can be described now; one missing from the answer is unknown to TMDB or TMDB is failing. */
  async describe(tmdbIds: readonly number[], options: DescribeOptions = {}): Promise<Map<number, DescribedMovie>> {
    const wanted = [...new Set(tmdbIds)];
    const described = await this.store.find(wanted);
    const stale = [...described.values()].filter((movie) => !this.isFresh(movie)).map((movie) => movie.tmdbId);
    if (stale.length > 0) this.refresher.refresh(stale);
    const missing = wanted.filter((tmdbId) => !described.has(tmdbId));
    if (missing.length > 0) {
      for (const [tmdbId, movie] of await this.fetchMissing(missing, options.maxUpstreamCalls ?? Infinity)) described.set(tmdbId, movie);
    }
    return described;
  }

  private async fetchMissing(tmdbIds: readonly number[], budget: number): Promise<Map<number, DescribedMovie>> {
    let upstreamFailing = false;
    let calls = 0;
    const deferred: number[] = [];
    const fetched: MovieSnapshot[] = [];
    const found = await mapBounded(tmdbIds, DETAILS_CONCURRENCY, async (tmdbId): Promise<DescribedMovie | MovieSnapshot | undefined> => {
      if (upstreamFailing || calls >= budget) {
        if (!upstreamFailing) deferred.push(tmdbId);
        const cached = await this.tmdb.cachedMovieDetails(tmdbId);
        return cached && DescribedMovie.of(cached, null);
      }
      calls += 1;
      try {
        const { value, cache } = await this.tmdb.fetchMovieDetails(tmdbId);
        if (cache === 'STALE') return DescribedMovie.of(value, null);
        const snapshot: MovieSnapshot = { details: value, fetchedAt: new Date(this.options.now()) };
        fetched.push(snapshot);
        return snapshot;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind !== 'not_found') upstreamFailing = true;
        this.logger.warn({ msg: 'movie shown without details', tmdbId, reason: error.code });
        return undefined;
      }
    });
    const saved = await this.store.save(fetched);
    if (deferred.length > 0) this.refresher.refresh(deferred);
    const savedOf = new Map(fetched.map((snapshot, index) => [snapshot, saved[index]]));
    const described = new Map<number, DescribedMovie>();
    found.forEach((result, index) => {
      const movie = result instanceof DescribedMovie ? result : result && savedOf.get(result);
      if (movie) described.set(tmdbIds[index], movie);
    });
    return described;
  }

  private isFresh(movie: DescribedMovie): boolean {
    return movie.fetchedAt !== null && this.options.now() - movie.fetchedAt.getTime() < this.options.freshMs;
  }
}

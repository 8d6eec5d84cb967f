import { Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import type { MovieDetails } from '../movies/movie.types';
import { TmdbPort } from '../movies/tmdb.port';
import { mapBounded } from './bounded-map';
import type { DescribedMovie, MovieSnapshot } from './movie-snapshot';
import { MovieSnapshotsRepository } from './movie-snapshots.repository';
import { SnapshotRefresher } from './snapshot-refresher';

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
    private readonly snapshots: MovieSnapshotsRepository,
    private readonly refresher: SnapshotRefresher,
    private readonly options: MovieSnapshotsOptions,
  ) {}

  /** Keeps what TMDB just said of a movie a user added to a list. */
  remember(details: MovieDetails): Promise<void> {
    return this.snapshots.save({ details, fetchedAt: new Date(this.options.now()) });
  }

  /** The movies that can be described now; one missing from the answer is unknown to TMDB or TMDB is failing. */
  async describe(tmdbIds: readonly number[], options: DescribeOptions = {}): Promise<Map<number, DescribedMovie>> {
    const found = await this.snapshots.find(tmdbIds);
    const described = new Map<number, DescribedMovie>();
    const stale: number[] = [];
    const missing: number[] = [];
    for (const tmdbId of new Set(tmdbIds)) {
      const snapshot = found.get(tmdbId);
      if (!snapshot) missing.push(tmdbId);
      else {
        described.set(tmdbId, snapshot);
        if (this.options.now() - snapshot.fetchedAt.getTime() >= this.options.freshMs) stale.push(tmdbId);
      }
    }
    if (stale.length > 0) this.refresher.refresh(stale);
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
    const found = await mapBounded(tmdbIds, DETAILS_CONCURRENCY, async (tmdbId): Promise<DescribedMovie | undefined> => {
      if (upstreamFailing || calls >= budget) {
        if (!upstreamFailing) deferred.push(tmdbId);
        const cached = await this.tmdb.cachedMovieDetails(tmdbId);
        return cached && { details: cached, fetchedAt: null };
      }
      calls += 1;
      try {
        const { value, cache } = await this.tmdb.fetchMovieDetails(tmdbId);
        if (cache === 'STALE') return { details: value, fetchedAt: null };
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
    await this.snapshots.saveMany(fetched);
    if (deferred.length > 0) this.refresher.refresh(deferred);
    const described = new Map<number, DescribedMovie>();
    found.forEach((movie, index) => movie && described.set(tmdbIds[index], movie));
    return described;
  }
}

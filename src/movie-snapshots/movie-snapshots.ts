import { Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import type { MovieDetails } from '../movies/movie.types';
import { TmdbPort } from '../movies/tmdb.port';
import { mapBounded } from './bounded-map';
import { FreshSnapshots } from './fresh-snapshots';
import type { DescribedMovie, MovieSnapshot } from './movie-snapshot';
import { MovieSnapshotsRepository } from './movie-snapshots.repository';
import { SnapshotRefresher } from './snapshot-refresher';

/** Fresh snapshots kept in each process (about 2 KB of jsonb each in PostgreSQL, a few times that in memory). */
export const SNAPSHOTS_IN_MEMORY = 500;

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
  private readonly fresh: FreshSnapshots;

  constructor(
    private readonly tmdb: TmdbPort,
    private readonly snapshots: MovieSnapshotsRepository,
    private readonly refresher: SnapshotRefresher,
    private readonly options: MovieSnapshotsOptions,
  ) {
    this.fresh = new FreshSnapshots(SNAPSHOTS_IN_MEMORY, options.freshMs, options.now);
  }

  /** Keeps what TMDB just said of a movie a user added to a list. */
  async remember(details: MovieDetails): Promise<void> {
    const snapshot = { details, fetchedAt: new Date(this.options.now()) };
    await this.snapshots.save(snapshot);
    this.fresh.put(snapshot);
  }

  /** The movies that can be described now; one missing from the answer is unknown to TMDB or TMDB is failing. */
  async describe(tmdbIds: readonly number[], options: DescribeOptions = {}): Promise<Map<number, DescribedMovie>> {
    const described = new Map<number, DescribedMovie>();
    const unknown: number[] = [];
    for (const tmdbId of new Set(tmdbIds)) {
      const snapshot = this.fresh.get(tmdbId);
      if (snapshot) described.set(tmdbId, snapshot);
      else unknown.push(tmdbId);
    }
    if (unknown.length === 0) return described;
    const found = await this.snapshots.find(unknown);
    const stale: number[] = [];
    const missing: number[] = [];
    for (const tmdbId of unknown) {
      const snapshot = found.get(tmdbId);
      if (!snapshot) missing.push(tmdbId);
      else {
        described.set(tmdbId, snapshot);
        if (this.fresh.isFresh(snapshot)) this.fresh.put(snapshot);
        else stale.push(tmdbId);
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
    fetched.forEach((snapshot) => this.fresh.put(snapshot));
    if (deferred.length > 0) this.refresher.refresh(deferred);
    const described = new Map<number, DescribedMovie>();
    found.forEach((movie, index) => movie && described.set(tmdbIds[index], movie));
    return described;
  }
}

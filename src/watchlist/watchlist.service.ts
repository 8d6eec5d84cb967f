import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import type { SerializedPage } from '../common/http/page-links';
import { PageQuery, pageOffset } from '../common/http/pagination';
import { JsonItem, ownJson, serializedPage, withMembers } from '../common/http/serialized-list';
import type { DescribedMovie } from '../movie-snapshots/movie-snapshot';
import { MovieSnapshots } from '../movie-snapshots/movie-snapshots';
import type { MovieDetails } from '../movies/movie.types';
import { TmdbPort } from '../movies/tmdb.port';
import { NO_FLAGS, UserMovieFlags } from '../movies/user-marks.port';
import { LinkedAccountPort } from '../user-marks/linked-account.port';
import { listFull, MAX_LIST_ENTRIES } from '../user-marks/list-cap';
import { UserMarksCache } from '../user-marks/user-marks.cache';
import type { WatchlistEntryResponse } from './dto/watchlist.response';
import type { WatchlistFields, WatchlistMovie } from './watchlist-movie';
import { WatchlistEntry, WatchlistRepository } from './watchlist.repository';

@Injectable()
export class WatchlistService {
  constructor(
    private readonly watchlist: WatchlistRepository,
    private readonly tmdb: TmdbPort,
    private readonly snapshots: MovieSnapshots,
    private readonly flags: UserMarksCache,
    private readonly linked: LinkedAccountPort,
  ) {}

  /**
   * Adds a movie TMDB has (created false when it was there already). A linked TMDb account is written
   * first, so when that fails nothing changes here; a full list is refused before anything is written.
   */
  async add(userId: number, tmdbId: number): Promise<{ entry: WatchlistEntryResponse; created: boolean }> {
    const movie = await this.tmdb.getMovieDetails(tmdbId);
    const existing = await this.watchlist.find(userId, tmdbId);
    if (!existing && (await this.watchlist.count(userId)) >= MAX_LIST_ENTRIES) throw listFull('watchlist');
    await this.linked.mirrorWrite(userId, 'watchlist', tmdbId, true);
    if (existing) return { entry: toResponse(movie, existing.addedAt), created: false };
    await this.snapshots.remember(movie);
    const outcome = await this.watchlist.add(userId, tmdbId, MAX_LIST_ENTRIES);
    if (outcome === 'full') throw listFull('watchlist');
    await this.flags.invalidate(userId);
    const entry = (await this.watchlist.find(userId, tmdbId))!;
    return { entry: toResponse(movie, entry.addedAt), created: outcome === 'created' };
  }

  async remove(userId: number, tmdbId: number): Promise<void> {
    if (!(await this.watchlist.find(userId, tmdbId))) throw notInWatchlist();
    await this.linked.mirrorWrite(userId, 'watchlist', tmdbId, false);
    if (!(await this.watchlist.delete(userId, tmdbId))) throw notInWatchlist();
    await this.flags.invalidate(userId);
  }

  /**
   * One page, newest addition first, each movie as TMDB's lists show it with the caller's flags: from the
   * shared snapshots at once (stale ones refreshed in the background); only movies without one wait on TMDB.
   * Answered as the JSON of a Page<WatchlistMovie>, joined from each snapshot's kept summary and the caller's fields.
   */
  async list(userId: number, query: PageQuery): Promise<SerializedPage> {
    await this.linked.refreshIfStale(userId);
    const [total, entries] = await Promise.all([
      this.watchlist.count(userId),
      this.watchlist.page(userId, pageOffset(query), query.pageSize),
    ]);
    const ids = entries.map((entry) => entry.tmdbId);
    const [details, flags] = await Promise.all([this.snapshots.describe(ids), this.flags.forMovies(userId, ids)]);
    const items = entries.map((entry) => itemJson(entry, details.get(entry.tmdbId), flags.get(entry.tmdbId) ?? NO_FLAGS));
    return serializedPage(items, query.page, query.pageSize, total);
  }

  /** Every entry, oldest first: for merging with a linked TMDb account. */
  listEntries(userId: number): Promise<WatchlistEntry[]> {
    return this.watchlist.entries(userId);
  }

  /** Adds the entries not there yet (never refused by the cap: an account's list is not cut); answers how many. */
  async importEntries(userId: number, entries: ReadonlyArray<{ tmdbId: number; addedAt?: Date }>): Promise<number> {
    const inserted = await this.watchlist.addMany(userId, entries);
    if (inserted > 0) await this.flags.invalidate(userId);
    return inserted;
  }

  /** Removes those entries that are there; answers how many. */
  async removeEntries(userId: number, tmdbIds: readonly number[]): Promise<number> {
    const removed = await this.watchlist.removeMany(userId, tmdbIds);
    if (removed > 0) await this.flags.invalidate(userId);
    return removed;
  }
}

const notInWatchlist = () => new NotFoundError('WatchlistEntryNotFound', 'That movie is not in your watchlist.');

function toResponse(movie: MovieDetails, addedAt: Date): WatchlistEntryResponse {
  return {
    tmdbId: movie.tmdbId,
    title: movie.title,
    releaseDate: movie.releaseDate,
    posterUrl: movie.posterUrl,
    addedAt: addedAt.toISOString(),
  };
}

/** JSON of the WatchlistMovie: the movie as TMDB's lists show it followed by the caller's fields, or only its id. */
function itemJson(entry: WatchlistEntry, movie: DescribedMovie | undefined, flags: UserMovieFlags): JsonItem {
  const own = { ...flags, inWatchlist: true, addedAt: entry.addedAt.toISOString() };
  if (movie) {
    const fields: WatchlistFields = { ...own, detailsPartial: false, detailsFetchedAt: movie.fetchedAtIso };
    return withMembers(movie.summary, fields);
  }
  const partial: WatchlistMovie = {
    tmdbId: entry.tmdbId,
    ...UNKNOWN_SUMMARY,
    ...own,
    detailsPartial: true as const,
    detailsFetchedAt: null,
  };
  return ownJson(partial);
}

/** What an item shows while TMDB cannot describe the movie: unknown, not zero. */
const UNKNOWN_SUMMARY = {
  title: null,
  originalTitle: null,
  originalLanguage: null,
  releaseDate: null,
  overview: null,
  genreIds: [] as number[],
  posterUrl: null,
  backdropUrl: null,
  voteAverage: null,
  voteCount: null,
  popularity: null,
  adult: null,
};

import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import type { SerializedPage } from '../common/http/page-links';
import { pageOffset } from '../common/http/pagination';
import { JsonItem, ownJson, serializedPage, withMembers } from '../common/http/serialized-list';
import { UserDirectory } from '../auth/user-directory';
import { TmdbPort } from '../movies/tmdb.port';
import type { FavoriteResponse } from './dto/favorite.response';
import type { FavoritesQuery } from './dto/favorites-query.dto';
import { FavoriteEntity } from './entities/favorite.entity';
import type { FavoriteFields, FavoriteMovie } from './favorite-movie';
import { mapBounded } from '../movie-snapshots/bounded-map';
import type { DescribedMovie } from '../movie-snapshots/movie-snapshot';
import { DescribeOptions, MovieSnapshots } from '../movie-snapshots/movie-snapshots';
import { LinkedAccountPort } from '../user-marks/linked-account.port';
import { listFull, MAX_LIST_ENTRIES } from '../user-marks/list-cap';
import { UserMarksCache } from '../user-marks/user-marks.cache';
import { FavoriteEntry, FavoritesRepository, ImportedFavorite, RatedFavorite } from './favorites.repository';

/** Most TMDB calls one read of a public shared list may wait on (anyone can ask for one, without a token). */
export const SHARED_LIST_UPSTREAM_CALLS = 10;

/** TMDB lookups in flight at once while importing favorites. */
const IMPORT_CONCURRENCY = 8;

@Injectable()
export class FavoritesService {
  constructor(
    private readonly favorites: FavoritesRepository,
    private readonly users: UserDirectory,
    private readonly tmdb: TmdbPort,
    private readonly snapshots: MovieSnapshots,
    private readonly flags: UserMarksCache,
    private readonly linked: LinkedAccountPort,
  ) {}

  /**
   * Adds a movie to the user's favorites (created false when it was there).
   * A new favorite must exist in TMDB; its title, release date and poster are
   * kept so the list can be ordered and shown without TMDB. A linked TMDb account
   * is written first, so when that fails nothing changes here; a full list is
   * refused before anything is written.
   */
  async add(userId: number, tmdbId: number): Promise<{ favorite: FavoriteResponse; created: boolean }> {
    const existing = await this.favorites.find(userId, tmdbId);
    if (existing) {
      await this.linked.mirrorWrite(userId, 'favorite', tmdbId, true);
      return { favorite: await this.toResponse(existing), created: false };
    }
    const movie = await this.tmdb.getMovieDetails(tmdbId);
    if ((await this.favorites.count(userId)) >= MAX_LIST_ENTRIES) throw listFull('favorites');
    await this.linked.mirrorWrite(userId, 'favorite', tmdbId, true);
    await this.snapshots.remember(movie);
    const added = await this.favorites.add(
      { userId, tmdbId, title: movie.title, releaseDate: movie.releaseDate, posterPath: movie.posterPath },
      MAX_LIST_ENTRIES,
    );
    if (added === 'full') throw listFull('favorites');
    await this.flags.invalidate(userId);
    return { favorite: await this.toResponse(added.favorite), created: added.created };
  }

  async remove(userId: number, tmdbId: number): Promise<void> {
    if (!(await this.favorites.find(userId, tmdbId))) throw notAFavorite();
    await this.linked.mirrorWrite(userId, 'favorite', tmdbId, false);
    if (!(await this.favorites.delete(userId, tmdbId))) throw notAFavorite();
    await this.flags.invalidate(userId);
  }

  /** Every favorite, oldest first: for merging with a linked TMDb account. */
  listEntries(userId: number): Promise<FavoriteEntry[]> {
    return this.favorites.entries(userId);
  }

  /**
   * Adds the entries not there yet, each with what TMDB says of the movie (never refused by the cap: an
   * account's list is not cut); answers how many were added. A movie TMDB does not have is skipped; when
   * TMDB fails, nothing is added and the UpstreamError is thrown, so the caller can try the merge again.
   */
  async importEntries(userId: number, entries: ReadonlyArray<{ tmdbId: number; addedAt?: Date }>): Promise<number> {
    const known = new Set((await this.favorites.entries(userId)).map((entry) => entry.tmdbId));
    const fresh = entries.filter((entry) => !known.has(entry.tmdbId));
    const described = await mapBounded(fresh, IMPORT_CONCURRENCY, async (entry): Promise<ImportedFavorite | undefined> => {
      try {
        const movie = await this.tmdb.getMovieDetails(entry.tmdbId);
        await this.snapshots.remember(movie);
        return {
          tmdbId: entry.tmdbId,
          addedAt: entry.addedAt,
          title: movie.title,
          releaseDate: movie.releaseDate,
          posterPath: movie.posterPath,
        };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    });
    const inserted = await this.favorites.addMany(
      userId,
      described.filter((entry) => entry !== undefined),
    );
    if (inserted > 0) await this.flags.invalidate(userId);
    return inserted;
  }

  /** Removes those favorites that are there; answers how many. */
  async removeEntries(userId: number, tmdbIds: readonly number[]): Promise<number> {
    const removed = await this.favorites.removeMany(userId, tmdbIds);
    if (removed > 0) await this.flags.invalidate(userId);
    return removed;
  }

  /** Another user's list (authorisation is the caller's business); 404 for a user that does not exist. */
  async listOfUser(userId: number, query: FavoritesQuery): Promise<SerializedPage> {
    await this.requireUser(userId);
    return this.list(userId, query);
  }

  async removeAllOfUser(userId: number): Promise<void> {
    await this.requireUser(userId);
    await this.favorites.deleteAll(userId);
    await this.flags.invalidate(userId);
  }

  /**
   * A shared list, read by anyone without a token: the same page, but it waits on at most
   * SHARED_LIST_UPSTREAM_CALLS TMDB calls (movies without a snapshot); the rest come from TMDB's cache or
   * show what was stored, and are fetched in the background for the next reader.
   */
  listShared(userId: number, query: FavoritesQuery): Promise<SerializedPage> {
    return this.list(userId, query, { maxUpstreamCalls: SHARED_LIST_UPSTREAM_CALLS });
  }

  /**
   * One page of favorites in the asked order, each with full details and the owner's rating: from the shared
   * snapshots at once (stale ones refreshed in the background); only movies without one wait on TMDB, and
   * one TMDB cannot describe now shows the fields stored when it was added. Answered as the JSON of a
   * Page<FavoriteMovie>, joined from each snapshot's kept JSON and the owner's own fields.
   */
  async list(userId: number, query: FavoritesQuery, describe: DescribeOptions = {}): Promise<SerializedPage> {
    await this.linked.refreshIfStale(userId);
    const { total, favorites: rows } = await this.favorites.page(userId, query.sort, query.order, pageOffset(query), query.pageSize);
    const details = await this.snapshots.describe(
      rows.map((row) => row.tmdbId),
      describe,
    );
    const items: JsonItem[] = [];
    for (const row of rows) {
      const movie = details.get(row.tmdbId);
      items.push(movie ? withDetails(row, movie) : await this.partialItem(row));
    }
    return serializedPage(items, query.page, query.pageSize, total);
  }

  /** A favorite TMDB cannot describe now: what was stored of it when it was added. */
  private async partialItem(row: RatedFavorite): Promise<JsonItem> {
    const partial: FavoriteMovie = {
      tmdbId: row.tmdbId,
      title: row.title,
      releaseDate: row.releaseDate,
      posterPath: row.posterPath,
      posterUrl: await this.tmdb.imageUrl(row.posterPath, 'poster'),
      ...PARTIAL_DETAILS,
      favorite: true,
      myRating: row.myRating,
      addedAt: row.addedAt.toISOString(),
      detailsPartial: true,
      detailsFetchedAt: null,
    };
    return ownJson(partial);
  }

  private async toResponse(favorite: FavoriteEntity): Promise<FavoriteResponse> {
    return {
      tmdbId: favorite.tmdbId,
      title: favorite.title,
      releaseDate: favorite.releaseDate,
      posterUrl: await this.tmdb.imageUrl(favorite.posterPath, 'poster'),
      addedAt: favorite.createdAt.toISOString(),
    };
  }

  private async requireUser(userId: number): Promise<void> {
    if (!(await this.users.exists(userId))) throw new NotFoundError('UserNotFound', `There is no user ${userId}.`);
  }
}

/** A favorite with full details: the movie's kept JSON followed by the owner's fields (synchronous: a page joins 100). */
function withDetails(row: RatedFavorite, movie: DescribedMovie): JsonItem {
  const fields: FavoriteFields = {
    favorite: true,
    myRating: row.myRating,
    addedAt: row.addedAt.toISOString(),
    detailsPartial: false,
    detailsFetchedAt: movie.fetchedAtIso,
  };
  return withMembers(movie.details, fields);
}

const notAFavorite = () => new NotFoundError('FavoriteNotFound', 'That movie is not among your favorites.');

/** What a favorite shows for the details TMDB could not give: unknown, not zero. */
const PARTIAL_DETAILS = {
  originalTitle: null,
  originalLanguage: null,
  overview: null,
  tagline: null,
  status: null,
  runtime: null,
  genres: [] as never[],
  backdropUrl: null,
  voteAverage: null,
  voteCount: null,
  popularity: null,
  imdbId: null,
  homepage: null,
  adult: null,
  videos: [] as never[],
  credits: { cast: [] as never[], crew: [] as never[] },
  watchProviders: {},
};

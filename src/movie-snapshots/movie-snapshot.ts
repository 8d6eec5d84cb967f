import { SharedJson } from '../common/http/serialized-list';
import type { MovieDetails } from '../movies/movie.types';
import { summaryOf } from './movie-summary';

/** A movie's details as we last got them, and when. */
export interface MovieSnapshot {
  details: MovieDetails;
  fetchedAt: Date;
}

/**
 * What a list shows for one movie: its snapshot, or (fetchedAt null) the last good copy TMDB's cache kept
 * while TMDB fails. A movie missing from an answer could not be described at all.
 *
 * Held as JSON text, serialised once per snapshot: a list of 100 favorites is about 400 KB of details, and
 * serialising them again for every request was most of its cost. The text is shared by every list and user
 * that shows the movie; nothing personal is in it (lists join their own fields after it, see serialized-list.ts).
 */
export class DescribedMovie {
  /** fetchedAt as lists show it (`detailsFetchedAt`). */
  readonly fetchedAtIso: string | null;

  private constructor(
    readonly tmdbId: number,
    /** JSON.stringify of the MovieDetails. */
    readonly details: SharedJson,
    /** JSON.stringify of summaryOf(details): the movie as TMDB's lists show it (the watchlist's items). */
    readonly summary: SharedJson,
    readonly fetchedAt: Date | null,
  ) {
    this.fetchedAtIso = fetchedAt?.toISOString() ?? null;
  }

  static of(details: MovieDetails, fetchedAt: Date | null): DescribedMovie {
    return new DescribedMovie(
      details.tmdbId,
      new SharedJson(JSON.stringify(details)),
      new SharedJson(JSON.stringify(summaryOf(details))),
      fetchedAt,
    );
  }

  /** Characters of JSON held (what a memory of them is bounded by). */
  get size(): number {
    return this.details.json.length + this.summary.json.length;
  }
}

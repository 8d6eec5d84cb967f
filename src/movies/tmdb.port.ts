import type { DiscoverQuery, MovieDetails, MovieSummaryPage, PopularQuery, SearchQuery } from './movie.types';
import type { Cached } from './upstream/stale-cache';

export type { Cached, CacheStatus } from './upstream/stale-cache';

/**
 * What the service needs from TheMovieDB. Bound by MoviesModule to the HTTP
 * adapter wrapped in the cache and the retry policy, and exported for other
 * features (reviews bring TMDB movies into the catalog through it).
 *
 * Errors: NotFoundError('MovieNotFound') when TMDB has no such movie;
 * UpstreamError (502/503/504 kinds) when TMDB fails and nothing cached answers.
 * The `Cached` variants also say whether the answer was a HIT, MISS or STALE.
 */
export abstract class TmdbPort {
  abstract getMovieDetails(tmdbId: number, language?: string): Promise<MovieDetails>;
  abstract fetchMovieDetails(tmdbId: number, language?: string): Promise<Cached<MovieDetails>>;
  /** The details if they are cached (fresh or stale), without asking TMDB; for lists built while TMDB is failing. */
  abstract cachedMovieDetails(tmdbId: number, language?: string): Promise<MovieDetails | undefined>;
  abstract popular(query: PopularQuery): Promise<Cached<MovieSummaryPage>>;
  abstract discover(query: DiscoverQuery): Promise<Cached<MovieSummaryPage>>;
  abstract search(query: SearchQuery): Promise<Cached<MovieSummaryPage>>;
  /** A full image URL for a path TMDB gave (e.g. a poster stored with a favorite). */
  abstract imageUrl(path: string | null, kind: 'poster' | 'backdrop'): Promise<string | null>;
}

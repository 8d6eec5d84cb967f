import type { MovieDetails } from './movie.types';

/**
 * What the service needs from TheMovieDB. Bound by MoviesModule to the HTTP
 * adapter wrapped in the cache and the retry policy, and exported for other
 * features (reviews bring TMDB movies into the catalog through it).
 *
 * Errors: NotFoundError('MovieNotFound') when TMDB has no such movie;
 * UpstreamError (502/503/504 kinds) when TMDB fails and nothing cached answers.
 */
export abstract class TmdbPort {
  abstract getMovieDetails(tmdbId: number, language?: string): Promise<MovieDetails>;
}

import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import type { MovieDetails } from '../movies/movie.types';
import { TmdbPort } from '../movies/tmdb.port';
import { mapBounded } from './bounded-map';

/** TMDB calls in flight at once for one list; a 429 from TMDB is retried after its Retry-After. */
export const DETAILS_CONCURRENCY = 20;

/**
 * The details of a page of movies (a watchlist page), from the cache or TMDB, a few at a time.
 * A movie TMDB cannot give now is left out (the caller shows it as partial). Once TMDB has failed
 * for one movie, the rest are taken from the cache only: a list must not wait for every retry of
 * every movie while TMDB is down.
 */
@Injectable()
export class MovieDetailsLoader {
  private readonly logger = new Logger('MovieDetailsLoader');

  constructor(private readonly tmdb: TmdbPort) {}

  async load(tmdbIds: readonly number[]): Promise<Map<number, MovieDetails>> {
    let upstreamFailing = false;
    const found = await mapBounded(tmdbIds, DETAILS_CONCURRENCY, async (tmdbId) => {
      if (upstreamFailing) return this.tmdb.cachedMovieDetails(tmdbId);
      try {
        return await this.tmdb.getMovieDetails(tmdbId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind !== 'not_found') upstreamFailing = true;
        this.logger.warn({ msg: 'movie shown without details', tmdbId, reason: error.code });
        return undefined;
      }
    });
    const details = new Map<number, MovieDetails>();
    found.forEach((movie, index) => movie && details.set(tmdbIds[index], movie));
    return details;
  }
}

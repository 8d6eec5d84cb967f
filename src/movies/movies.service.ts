import { Injectable } from '@nestjs/common';
import { SerializedPage } from '../common/http/page-links';
import { ReviewStatsPort } from './review-stats.port';
import { NO_FLAGS, UserMarksPort, UserMovieFlags } from './user-marks.port';
import type { DiscoverQuery, MovieDetails, MovieSummary, MovieSummaryPage, PopularQuery, SearchQuery } from './movie.types';
import { Cached, TmdbPort } from './tmdb.port';
import { PageJson } from './page-json';

export type MovieSummaryWithFlags = MovieSummary & UserMovieFlags;
export type MoviePageWithFlags = Omit<MovieSummaryPage, 'items'> & { items: MovieSummaryWithFlags[] };
export type MovieWithFlags = MovieDetails & UserMovieFlags & { averageRating: number | null; reviewCount: number };

/**
 * TMDB's movies as one user sees them: the shared, cached TMDB answer with the
 * caller's own flags merged in afterwards (from the per-user flags cache), so
 * nothing personal ever enters the shared cache. Lists answer JSON text: the
 * cached page's serialised pieces joined around the caller's flags (PageJson).
 */
@Injectable()
export class MoviesService {
  constructor(
    private readonly tmdb: TmdbPort,
    private readonly flags: UserMarksPort,
    private readonly reviewStats: ReviewStatsPort,
  ) {}

  /** JSON text of a MoviePageWithFlags. */
  async popular(userId: number, query: PopularQuery): Promise<Cached<SerializedPage>> {
    return this.withFlags(userId, await this.tmdb.popular(query));
  }

  async discover(userId: number, query: DiscoverQuery): Promise<Cached<SerializedPage>> {
    return this.withFlags(userId, await this.tmdb.discover(query));
  }

  async search(userId: number, query: SearchQuery): Promise<Cached<SerializedPage>> {
    return this.withFlags(userId, await this.tmdb.search(query));
  }

  async details(userId: number, tmdbId: number, language?: string): Promise<Cached<MovieWithFlags>> {
    const { value, cache } = await this.tmdb.fetchMovieDetails(tmdbId, language);
    const [flags, stats] = await Promise.all([this.flags.forMovies(userId, [tmdbId]), this.reviewStats.reviewStatsByTmdbId(tmdbId)]);
    return { value: { ...value, ...(flags.get(tmdbId) ?? NO_FLAGS), ...stats }, cache };
  }

  private async withFlags(userId: number, { value, cache }: Cached<MovieSummaryPage>): Promise<Cached<SerializedPage>> {
    const page = PageJson.of(value);
    const flags = await this.flags.forMovies(userId, page.ids);
    const { json, etag } = page.render((tmdbId) => flags.get(tmdbId) ?? NO_FLAGS);
    return { value: new SerializedPage(json, value.page, value.totalPages, etag), cache };
  }
}

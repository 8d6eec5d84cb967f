import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import { makePage, Page } from '../common/http/pagination';
import type { MovieDetails } from '../movies/movie.types';
import { CatalogEvents } from './catalog-events';
import type { ReviewStatsPort } from '../movies/review-stats.port';
import { CatalogMovie, CatalogMovieChanges, CatalogMovieWithStats, NewCatalogMovie, ReviewStats } from './catalog-movie';
import { CatalogRepository, SaveResult } from './catalog.repository';

export interface CatalogListQuery {
  page: number;
  pageSize: number;
  title?: string;
  year?: number;
}

@Injectable()
export class CatalogService implements ReviewStatsPort {
  constructor(
    private readonly movies: CatalogRepository,
    private readonly events: CatalogEvents,
  ) {}

  async list(query: CatalogListQuery): Promise<Page<CatalogMovieWithStats>> {
    const { items, total } = await this.movies.list({
      title: query.title,
      year: query.year,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return makePage(items, query.page, query.pageSize, total);
  }

  async get(id: number): Promise<CatalogMovieWithStats> {
    const movie = await this.movies.findWithStats(id);
    if (!movie) throw movieNotFound(id);
    return movie;
  }

  /** The movie a review is about; NotFoundError when the catalog has no such movie. */
  async require(id: number): Promise<CatalogMovie> {
    const movie = await this.movies.findById(id);
    if (!movie) throw movieNotFound(id);
    return movie;
  }

  /** Reviews of the catalog movie that carries this TMDB id (zero when the catalog does not have it). */
  reviewStatsByTmdbId(tmdbId: number): Promise<ReviewStats> {
    return this.movies.statsByTmdbId(tmdbId);
  }

  findByTmdbId(tmdbId: number): Promise<CatalogMovie | null> {
    return this.movies.findByTmdbId(tmdbId);
  }

  /** Brings a TMDB movie into the catalog once, however many requests race for it. */
  importFromTmdb(details: MovieDetails): Promise<CatalogMovie> {
    const year = details.releaseDate ? Number(details.releaseDate.slice(0, 4)) : NaN;
    // Fitted to the catalog's columns: bounded lengths, no U+0000 (PostgreSQL text cannot hold it).
    // eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused here
    const clean = (text: string, max: number) => text.replace(/\u0000/g, '').slice(0, max);
    return this.movies.insertFromTmdbOnce({
      title: clean(details.title, 300).trim() || `TMDB movie ${details.tmdbId}`,
      year: Number.isInteger(year) && year >= 1870 && year <= 2200 ? year : null,
      description: clean(details.overview ?? '', 5000),
      tmdbId: details.tmdbId,
    });
  }

  async create(movie: NewCatalogMovie): Promise<CatalogMovieWithStats> {
    const created = savedOrConflict(await this.movies.create(movie), movie.tmdbId);
    return { ...created, reviewCount: 0, averageRating: null };
  }

  async update(id: number, changes: CatalogMovieChanges): Promise<CatalogMovieWithStats> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new InvalidInputError('NothingToUpdate', 'Send at least one of title, year, description, tmdbId.');
    }
    const before = await this.movies.findById(id);
    if (!before) throw movieNotFound(id);
    const result = await this.movies.update(id, changes);
    if (!result) throw movieNotFound(id);
    const updated = savedOrConflict(result, changes.tmdbId);
    if (updated.title !== before.title) this.events.movieRenamed(id);
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    const result = await this.movies.delete(id);
    if (result === 'not_found') throw movieNotFound(id);
    if (result === 'has_reviews') {
      throw new ConflictError(
        'MovieHasReviews',
        'This movie has reviews; delete them first (each review also lives in Notion, so they are not removed implicitly).',
      );
    }
  }
}

function savedOrConflict(result: SaveResult, tmdbId: number | null | undefined): CatalogMovie {
  if (!result.ok) throw new ConflictError('CatalogMovieExists', `The catalog already has the movie with TMDB id ${tmdbId}.`);
  return result.movie;
}

function movieNotFound(id: number): NotFoundError {
  return new NotFoundError('CatalogMovieNotFound', `The catalog has no movie ${id}.`);
}

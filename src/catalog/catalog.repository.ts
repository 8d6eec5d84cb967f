import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isPgError, pgErrorCode, PG_ERROR } from '../infra/database/pg-errors';
import { CatalogFilter, CatalogMovie, CatalogMovieChanges, CatalogMovieWithStats, NewCatalogMovie, ReviewStats } from './catalog-movie';
import { CatalogMovieEntity } from './entities/catalog-movie.entity';

/** ON DELETE RESTRICT answers restrict_violation; NO ACTION would answer foreign_key_violation. */
const STILL_REFERENCED: string[] = [PG_ERROR.restrictViolation, PG_ERROR.foreignKeyViolation];

export type SaveResult = { ok: true; movie: CatalogMovie } | { ok: false; reason: 'tmdb_id_taken' };
export type DeleteResult = 'deleted' | 'not_found' | 'has_reviews';

/** Count and mean of a movie's reviews, from the (movie_id, id) INCLUDE (rating) index. */
const STATS_JOIN = `
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS review_count, round(avg(r.rating), 2)::float8 AS average_rating
    FROM reviews r WHERE r.movie_id = m.id
  ) s ON true`;

const MOVIE_COLUMNS = `m.id, m.title, m.year, m.description, m.tmdb_id, m.created_at, m.updated_at`;

interface MovieRow {
  id: number;
  title: string;
  year: number | null;
  description: string;
  tmdb_id: number | null;
  created_at: Date;
  updated_at: Date;
  review_count?: number;
  average_rating?: number | null;
}

@Injectable()
export class CatalogRepository {
  constructor(@InjectRepository(CatalogMovieEntity) private readonly movies: Repository<CatalogMovieEntity>) {}

  async list(filter: CatalogFilter): Promise<{ items: CatalogMovieWithStats[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.title !== undefined) {
      params.push(`%${escapeLike(filter.title.toLowerCase())}%`);
      conditions.push(`lower(m.title) LIKE $${params.length}`);
    }
    if (filter.year !== undefined) {
      params.push(filter.year);
      conditions.push(`m.year = $${params.length}`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = (await this.movies.query(`SELECT count(*)::int AS total FROM catalog_movies m ${where}`, params)) as {
      total: number;
    }[];
    const rows = (await this.movies.query(
      `SELECT ${MOVIE_COLUMNS}, s.review_count, s.average_rating FROM catalog_movies m ${STATS_JOIN} ${where}
       ORDER BY lower(m.title), m.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    )) as MovieRow[];
    return { items: rows.map(toMovieWithStats), total };
  }

  async findWithStats(id: number): Promise<CatalogMovieWithStats | null> {
    const rows = (await this.movies.query(
      `SELECT ${MOVIE_COLUMNS}, s.review_count, s.average_rating FROM catalog_movies m ${STATS_JOIN} WHERE m.id = $1`,
      [id],
    )) as MovieRow[];
    return rows[0] ? toMovieWithStats(rows[0]) : null;
  }

  async statsByTmdbId(tmdbId: number): Promise<ReviewStats> {
    const rows = (await this.movies.query(
      `SELECT s.review_count, s.average_rating FROM catalog_movies m ${STATS_JOIN} WHERE m.tmdb_id = $1`,
      [tmdbId],
    )) as MovieRow[];
    return { reviewCount: rows[0]?.review_count ?? 0, averageRating: rows[0]?.average_rating ?? null };
  }

  async findById(id: number): Promise<CatalogMovie | null> {
    const entity = await this.movies.findOneBy({ id });
    return entity ? toMovie(entity) : null;
  }

  async findByTmdbId(tmdbId: number): Promise<CatalogMovie | null> {
    const entity = await this.movies.findOneBy({ tmdbId });
    return entity ? toMovie(entity) : null;
  }

  async create(movie: NewCatalogMovie): Promise<SaveResult> {
    return this.saving(async () => toMovie(await this.movies.save(this.movies.create({ ...movie, tmdbId: movie.tmdbId ?? null }))));
  }

  /** Null when there is no such movie. */
  async update(id: number, changes: CatalogMovieChanges): Promise<SaveResult | null> {
    const entity = await this.movies.findOneBy({ id });
    if (!entity) return null;
    return this.saving(async () => toMovie(await this.movies.save(this.movies.merge(entity, changes))));
  }

  /** The reviews' foreign key (RESTRICT) decides, so a review written meanwhile cannot be orphaned. */
  async delete(id: number): Promise<DeleteResult> {
    try {
      const result = await this.movies.delete({ id });
      return result.affected ? 'deleted' : 'not_found';
    } catch (error) {
      if (STILL_REFERENCED.includes(pgErrorCode(error) ?? '')) return 'has_reviews';
      throw error;
    }
  }

  /**
   * Inserts the TMDB movie unless the catalog already has it, then reads it: concurrent callers for the same
   * tmdbId all get the one row (the unique tmdb_id index decides; ON CONFLICT never raises).
   */
  async insertFromTmdbOnce(movie: NewCatalogMovie & { tmdbId: number }): Promise<CatalogMovie> {
    await this.movies.query(
      `INSERT INTO catalog_movies (title, year, description, tmdb_id) VALUES ($1, $2, $3, $4) ON CONFLICT (tmdb_id) DO NOTHING`,
      [movie.title, movie.year, movie.description, movie.tmdbId],
    );
    const stored = await this.findByTmdbId(movie.tmdbId);
    if (!stored) throw new Error(`catalog movie for TMDB ${movie.tmdbId} vanished right after its insert`);
    return stored;
  }

  private async saving(save: () => Promise<CatalogMovie>): Promise<SaveResult> {
    try {
      return { ok: true, movie: await save() };
    } catch (error) {
      if (isPgError(error, PG_ERROR.uniqueViolation)) return { ok: false, reason: 'tmdb_id_taken' };
      throw error;
    }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toMovie(entity: CatalogMovieEntity): CatalogMovie {
  return {
    id: entity.id,
    title: entity.title,
    year: entity.year,
    description: entity.description,
    tmdbId: entity.tmdbId,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

function toMovieWithStats(row: MovieRow): CatalogMovieWithStats {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    description: row.description,
    tmdbId: row.tmdb_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reviewCount: row.review_count ?? 0,
    averageRating: row.average_rating ?? null,
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { UserMovieFlags } from '../movies/user-marks.port';

/**
 * The caller's `favorite` and `myRating` for a page of TMDB movies, in one
 * query whatever the page size. Merged into shared (cached) TMDB answers per
 * request, so nothing personal is ever cached.
 */
@Injectable()
export class UserMarksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forMovies(userId: number, tmdbIds: readonly number[]): Promise<Map<number, UserMovieFlags>> {
    const flags = new Map<number, UserMovieFlags>();
    if (tmdbIds.length === 0) return flags;
    const rows: Array<{ tmdb_id: number; favorite: boolean; stars: string | null }> = await this.dataSource.query(
      `SELECT ids.tmdb_id, f.tmdb_id IS NOT NULL AS favorite, r.stars
         FROM unnest($2::int[]) AS ids (tmdb_id)
         LEFT JOIN favorites f ON f.user_id = $1 AND f.tmdb_id = ids.tmdb_id
         LEFT JOIN ratings r ON r.user_id = $1 AND r.tmdb_id = ids.tmdb_id`,
      [userId, [...new Set(tmdbIds)]],
    );
    for (const row of rows) flags.set(row.tmdb_id, { favorite: row.favorite, myRating: row.stars === null ? null : Number(row.stars) });
    return flags;
  }

  /**
   * Every movie the user has marked (favorite or rated), in one query; undefined when there are more than
   * `limit`, so a caller caching them keeps its memory bounded.
   */
  async allMarked(userId: number, limit: number): Promise<Map<number, UserMovieFlags> | undefined> {
    const rows: Array<{ tmdb_id: number; favorite: boolean; stars: string | null }> = await this.dataSource.query(
      `SELECT coalesce(f.tmdb_id, r.tmdb_id) AS tmdb_id, f.tmdb_id IS NOT NULL AS favorite, r.stars
         FROM (SELECT tmdb_id FROM favorites WHERE user_id = $1) f
         FULL JOIN (SELECT tmdb_id, stars FROM ratings WHERE user_id = $1) r ON r.tmdb_id = f.tmdb_id
        LIMIT $2`,
      [userId, limit + 1],
    );
    if (rows.length > limit) return undefined;
    return new Map(rows.map((row) => [row.tmdb_id, { favorite: row.favorite, myRating: row.stars === null ? null : Number(row.stars) }]));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { UserMovieFlags } from '../movies/user-marks.port';

interface FlagRow {
  tmdb_id: number;
  favorite: boolean;
  in_watchlist: boolean;
  stars: string | null;
}

const toFlags = (row: FlagRow): UserMovieFlags => ({
  favorite: row.favorite,
  inWatchlist: row.in_watchlist,
  myRating: row.stars === null ? null : Number(row.stars),
});

/**
 * The caller's `favorite`, `inWatchlist` and `myRating` for a page of TMDB
 * movies, in one query whatever the page size. Merged into shared (cached)
 * TMDB answers per request, so nothing personal is ever cached.
 */
@Injectable()
export class UserMarksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forMovies(userId: number, tmdbIds: readonly number[]): Promise<Map<number, UserMovieFlags>> {
    const flags = new Map<number, UserMovieFlags>();
    if (tmdbIds.length === 0) return flags;
    const rows: FlagRow[] = await this.dataSource.query(
      `SELECT ids.tmdb_id, f.tmdb_id IS NOT NULL AS favorite, w.tmdb_id IS NOT NULL AS in_watchlist, r.stars
         FROM unnest($2::int[]) AS ids (tmdb_id)
         LEFT JOIN favorites f ON f.user_id = $1 AND f.tmdb_id = ids.tmdb_id
         LEFT JOIN watchlist w ON w.user_id = $1 AND w.tmdb_id = ids.tmdb_id
         LEFT JOIN ratings r ON r.user_id = $1 AND r.tmdb_id = ids.tmdb_id`,
      [userId, [...new Set(tmdbIds)]],
    );
    for (const row of rows) flags.set(row.tmdb_id, toFlags(row));
    return flags;
  }

  /**
   * Every movie the user has marked (favorite, in the watchlist or rated), in one query; undefined when there
   * are more than `limit`, so a caller caching them keeps its memory bounded.
   */
  async allMarked(userId: number, limit: number): Promise<Map<number, UserMovieFlags> | undefined> {
    const rows: FlagRow[] = await this.dataSource.query(
      `SELECT tmdb_id, bool_or(kind = 'f') AS favorite, bool_or(kind = 'w') AS in_watchlist, max(stars) AS stars
         FROM (SELECT tmdb_id, 'f' AS kind, NULL::numeric AS stars FROM favorites WHERE user_id = $1
               UNION ALL SELECT tmdb_id, 'w', NULL FROM watchlist WHERE user_id = $1
               UNION ALL SELECT tmdb_id, 'r', stars FROM ratings WHERE user_id = $1) AS marks
        GROUP BY tmdb_id
        LIMIT $2`,
      [userId, limit + 1],
    );
    if (rows.length > limit) return undefined;
    return new Map(rows.map((row) => [row.tmdb_id, toFlags(row)]));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MovieDetails } from '../movies/movie.types';
import type { MovieSnapshot } from './movie-snapshot';

/** Version of the MovieDetails shape stored in `details`; bump it when the mapping changes. */
export const SNAPSHOT_SHAPE = 1;

/** A snapshot to store, its details already serialised. */
export interface SnapshotText {
  tmdbId: number;
  /** JSON.stringify of the MovieDetails. */
  detailsJson: string;
  fetchedAt: Date;
}

/** The movie_snapshots table: one row per movie, shared by all users. */
@Injectable()
export class MovieSnapshotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The snapshots of these movies that hold the current shape, in one query. */
  async find(tmdbIds: readonly number[]): Promise<Map<number, MovieSnapshot>> {
    const found = new Map<number, MovieSnapshot>();
    if (tmdbIds.length === 0) return found;
    const rows: Array<{ tmdb_id: number; details: MovieDetails; fetched_at: Date }> = await this.dataSource.query(
      `SELECT tmdb_id, details, fetched_at FROM movie_snapshots WHERE tmdb_id = ANY($1::int[]) AND shape = $2`,
      [[...new Set(tmdbIds)], SNAPSHOT_SHAPE],
    );
    for (const row of rows) found.set(row.tmdb_id, { details: row.details, fetchedAt: row.fetched_at });
    return found;
  }

  /**
   * Stores the snapshots in one statement, each unless a newer one is there already (another replica may have
   * refreshed it); a list's missing movies cost one round trip, not one per movie. Answers the ids stored.
   */
  async saveMany(snapshots: readonly SnapshotText[]): Promise<number[]> {
    const latest = new Map(snapshots.map((snapshot) => [snapshot.tmdbId, snapshot]));
    if (latest.size === 0) return [];
    const rows = [...latest.values()];
    const stored: Array<{ tmdb_id: number }> = await this.dataSource.query(
      `INSERT INTO movie_snapshots (tmdb_id, shape, details, fetched_at)
       SELECT s.tmdb_id, $1, s.details, s.fetched_at FROM unnest($2::int[], $3::jsonb[], $4::timestamptz[]) AS s (tmdb_id, details, fetched_at)
       ON CONFLICT (tmdb_id) DO UPDATE SET shape = excluded.shape, details = excluded.details, fetched_at = excluded.fetched_at
        WHERE movie_snapshots.fetched_at < excluded.fetched_at OR movie_snapshots.shape <> excluded.shape
       RETURNING tmdb_id`,
      [
        SNAPSHOT_SHAPE,
        rows.map((snapshot) => snapshot.tmdbId),
        rows.map((snapshot) => snapshot.detailsJson),
        rows.map((snapshot) => snapshot.fetchedAt.toISOString()),
      ],
    );
    return stored.map((row) => row.tmdb_id);
  }
}

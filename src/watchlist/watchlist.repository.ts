import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { WatchlistEntryEntity } from './entities/watchlist-entry.entity';

export interface WatchlistEntry {
  tmdbId: number;
  addedAt: Date;
}

export type AddOutcome = 'created' | 'exists' | 'full';

interface EntryRow {
  tmdb_id: number;
  added_at: Date;
}

const toEntry = (row: EntryRow): WatchlistEntry => ({ tmdbId: row.tmdb_id, addedAt: row.added_at });

@Injectable()
export class WatchlistRepository {
  constructor(@InjectRepository(WatchlistEntryEntity) private readonly watchlist: Repository<WatchlistEntryEntity>) {}

  async find(userId: number, tmdbId: number): Promise<WatchlistEntry | null> {
    const entry = await this.watchlist.findOneBy({ userId, tmdbId });
    return entry && { tmdbId: entry.tmdbId, addedAt: entry.addedAt };
  }

  /**
   * Adds the movie unless it is there already or the list holds `cap` movies, in one statement
   * (concurrent adds may pass the cap by the number of them in flight, never more).
   */
  async add(userId: number, tmdbId: number, cap: number): Promise<AddOutcome> {
    const rows: Array<{ outcome: AddOutcome }> = await this.watchlist.query(
      `WITH inserted AS (
         INSERT INTO watchlist (user_id, tmdb_id)
         SELECT $1, $2 WHERE (SELECT count(*) FROM watchlist WHERE user_id = $1) < $3
         ON CONFLICT (user_id, tmdb_id) DO NOTHING
         RETURNING tmdb_id)
       SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN 'created'
                   WHEN EXISTS (SELECT 1 FROM watchlist WHERE user_id = $1 AND tmdb_id = $2) THEN 'exists'
                   ELSE 'full' END AS outcome`,
      [userId, tmdbId, cap],
    );
    return rows[0].outcome;
  }

  async delete(userId: number, tmdbId: number): Promise<boolean> {
    const result = await this.watchlist.delete({ userId, tmdbId });
    return (result.affected ?? 0) > 0;
  }

  count(userId: number): Promise<number> {
    return this.watchlist.countBy({ userId });
  }

  /** One page, newest addition first (the movie id settles ties, so pages never overlap). */
  async page(userId: number, offset: number, limit: number): Promise<WatchlistEntry[]> {
    const rows: EntryRow[] = await this.watchlist.query(
      `SELECT tmdb_id, added_at FROM watchlist WHERE user_id = $1 ORDER BY added_at DESC, tmdb_id LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    );
    return rows.map(toEntry);
  }

  /** Every entry of the user, for merging with a linked account. */
  async entries(userId: number): Promise<WatchlistEntry[]> {
    const rows: EntryRow[] = await this.watchlist.query(
      `SELECT tmdb_id, added_at FROM watchlist WHERE user_id = $1 ORDER BY added_at, tmdb_id`,
      [userId],
    );
    return rows.map(toEntry);
  }

  /** Inserts those not there yet (now when `addedAt` is not given); answers how many were inserted. */
  async addMany(userId: number, entries: ReadonlyArray<{ tmdbId: number; addedAt?: Date }>): Promise<number> {
    if (entries.length === 0) return 0;
    const rows: unknown[] = await this.watchlist.query(
      `INSERT INTO watchlist (user_id, tmdb_id, added_at)
       SELECT $1, e.tmdb_id, coalesce(e.added_at, now()) FROM unnest($2::int[], $3::timestamptz[]) AS e (tmdb_id, added_at)
       ON CONFLICT (user_id, tmdb_id) DO NOTHING RETURNING tmdb_id`,
      [userId, entries.map((entry) => entry.tmdbId), entries.map((entry) => entry.addedAt?.toISOString() ?? null)],
    );
    return rows.length;
  }

  async removeMany(userId: number, tmdbIds: readonly number[]): Promise<number> {
    if (tmdbIds.length === 0) return 0;
    const result = await this.watchlist.delete({ userId, tmdbId: In([...tmdbIds]) });
    return result.affected ?? 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { FavoriteEntity } from './entities/favorite.entity';

export type FavoriteSort = 'releaseDate' | 'rating';
export type SortOrder = 'asc' | 'desc';

/** A favorite with the owner's rating of the same movie. */
export interface RatedFavorite {
  tmdbId: number;
  title: string;
  releaseDate: string | null;
  posterPath: string | null;
  addedAt: Date;
  myRating: number | null;
}

export interface NewFavorite {
  userId: number;
  tmdbId: number;
  title: string;
  releaseDate: string | null;
  posterPath: string | null;
}

/** A favorite brought in from elsewhere (a linked TMDb account), with what TMDB says of the movie. */
export type ImportedFavorite = Omit<NewFavorite, 'userId'> & { addedAt?: Date };

export interface FavoriteEntry {
  tmdbId: number;
  addedAt: Date;
}

/**
 * Whitelisted ORDER BY clauses. Unknown dates and unrated movies go last in
 * either direction; the secondary key keeps its natural direction (newest,
 * best rated first) and the movie id settles remaining ties, so pages never
 * overlap.
 */
const ORDER_BY: Record<FavoriteSort, Record<SortOrder, string>> = {
  releaseDate: {
    desc: 'f.release_date DESC NULLS LAST, r.stars DESC NULLS LAST, f.tmdb_id ASC',
    asc: 'f.release_date ASC NULLS LAST, r.stars DESC NULLS LAST, f.tmdb_id ASC',
  },
  rating: {
    desc: 'r.stars DESC NULLS LAST, f.release_date DESC NULLS LAST, f.tmdb_id ASC',
    asc: 'r.stars ASC NULLS LAST, f.release_date DESC NULLS LAST, f.tmdb_id ASC',
  },
};

interface RatedFavoriteRow {
  tmdb_id: number;
  title: string;
  release_date: string | null;
  poster_path: string | null;
  created_at: Date;
  stars: string | null;
  /** All the user's favorites (a bigint, so text). */
  total: string;
}

@Injectable()
export class FavoritesRepository {
  constructor(@InjectRepository(FavoriteEntity) private readonly favorites: Repository<FavoriteEntity>) {}

  find(userId: number, tmdbId: number): Promise<FavoriteEntity | null> {
    return this.favorites.findOneBy({ userId, tmdbId });
  }

  /**
   * Adds the favorite unless it is there already (a concurrent add may win) or the user holds `cap`
   * favorites, in one statement (concurrent adds may pass the cap by the number in flight, never more).
   */
  async add(favorite: NewFavorite, cap: number): Promise<{ favorite: FavoriteEntity; created: boolean } | 'full'> {
    const inserted: unknown[] = await this.favorites.query(
      `INSERT INTO favorites (user_id, tmdb_id, title, release_date, poster_path)
       SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM favorites WHERE user_id = $1) < $6
       ON CONFLICT (user_id, tmdb_id) DO NOTHING RETURNING tmdb_id`,
      [favorite.userId, favorite.tmdbId, favorite.title, favorite.releaseDate, favorite.posterPath, cap],
    );
    const stored = await this.find(favorite.userId, favorite.tmdbId);
    return stored ? { favorite: stored, created: inserted.length > 0 } : 'full';
  }

  /** Every favorite of the user, oldest first, for merging with a linked account. */
  async entries(userId: number): Promise<FavoriteEntry[]> {
    const rows: Array<{ tmdb_id: number; created_at: Date }> = await this.favorites.query(
      `SELECT tmdb_id, created_at FROM favorites WHERE user_id = $1 ORDER BY created_at, tmdb_id`,
      [userId],
    );
    return rows.map((row) => ({ tmdbId: row.tmdb_id, addedAt: row.created_at }));
  }

  /** Inserts those not there yet (now when `addedAt` is not given); answers how many were inserted. */
  async addMany(userId: number, favorites: readonly ImportedFavorite[]): Promise<number> {
    if (favorites.length === 0) return 0;
    const rows: unknown[] = await this.favorites.query(
      `INSERT INTO favorites (user_id, tmdb_id, title, release_date, poster_path, created_at)
       SELECT $1, f.tmdb_id, f.title, f.release_date, f.poster_path, coalesce(f.added_at, now())
         FROM unnest($2::int[], $3::text[], $4::date[], $5::text[], $6::timestamptz[]) AS f (tmdb_id, title, release_date, poster_path, added_at)
       ON CONFLICT (user_id, tmdb_id) DO NOTHING RETURNING tmdb_id`,
      [
        userId,
        favorites.map((f) => f.tmdbId),
        favorites.map((f) => f.title),
        favorites.map((f) => f.releaseDate),
        favorites.map((f) => f.posterPath),
        favorites.map((f) => f.addedAt?.toISOString() ?? null),
      ],
    );
    return rows.length;
  }

  async removeMany(userId: number, tmdbIds: readonly number[]): Promise<number> {
    if (tmdbIds.length === 0) return 0;
    const result = await this.favorites.delete({ userId, tmdbId: In([...tmdbIds]) });
    return result.affected ?? 0;
  }

  async delete(userId: number, tmdbId: number): Promise<boolean> {
    const result = await this.favorites.delete({ userId, tmdbId });
    return (result.affected ?? 0) > 0;
  }

  async deleteAll(userId: number): Promise<number> {
    const result = await this.favorites.delete({ userId });
    return result.affected ?? 0;
  }

  count(userId: number): Promise<number> {
    return this.favorites.countBy({ userId });
  }

  /**
   * One page of a user's favorites with their rating, and how many favorites the user has, in one query (a
   * page past the end asks for the count on its own).
   */
  async page(
    userId: number,
    sort: FavoriteSort,
    order: SortOrder,
    offset: number,
    limit: number,
  ): Promise<{ total: number; favorites: RatedFavorite[] }> {
    const rows: RatedFavoriteRow[] = await this.favorites.query(
      `SELECT f.tmdb_id, f.title, f.release_date::text AS release_date, f.poster_path, f.created_at, r.stars, count(*) OVER () AS total
         FROM favorites f
         LEFT JOIN ratings r ON r.user_id = f.user_id AND r.tmdb_id = f.tmdb_id
        WHERE f.user_id = $1
        ORDER BY ${ORDER_BY[sort][order]}
        LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : offset > 0 ? await this.count(userId) : 0;
    const favorites = rows.map((row) => ({
      tmdbId: row.tmdb_id,
      title: row.title,
      releaseDate: row.release_date,
      posterPath: row.poster_path,
      addedAt: row.created_at,
      myRating: row.stars === null ? null : Number(row.stars),
    }));
    return { total, favorites };
  }
}

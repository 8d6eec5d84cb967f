import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RatingEntity } from './entities/rating.entity';

export interface NewRating {
  userId: number;
  tmdbId: number;
  stars: number;
  title: string;
  releaseDate: string | null;
}

@Injectable()
export class RatingsRepository {
  constructor(@InjectRepository(RatingEntity) private readonly ratings: Repository<RatingEntity>) {}

  find(userId: number, tmdbId: number): Promise<RatingEntity | null> {
    return this.ratings.findOneBy({ userId, tmdbId });
  }

  /** Changes the stars of an existing rating; null when there is none (it was deleted meanwhile). */
  async updateStars(userId: number, tmdbId: number, stars: number): Promise<RatingEntity | null> {
    const result = await this.ratings
      .createQueryBuilder()
      .update()
      .set({ stars, updatedAt: () => 'now()' })
      .where('user_id = :userId AND tmdb_id = :tmdbId', { userId, tmdbId })
      .execute();
    return result.affected ? this.find(userId, tmdbId) : null;
  }

  /**
   * Inserts the rating, or updates it when a concurrent request inserted it
   * first; `created` says which (xmax is 0 only for a freshly inserted row).
   */
  async upsert(rating: NewRating): Promise<{ rating: RatingEntity; created: boolean }> {
    const rows: Array<{ created: boolean }> = await this.ratings.query(
      `INSERT INTO ratings (user_id, tmdb_id, stars, title, release_date) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, tmdb_id) DO UPDATE SET stars = excluded.stars, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [rating.userId, rating.tmdbId, rating.stars, rating.title, rating.releaseDate],
    );
    return { rating: (await this.find(rating.userId, rating.tmdbId))!, created: rows[0].created };
  }

  async delete(userId: number, tmdbId: number): Promise<boolean> {
    const result = await this.ratings.delete({ userId, tmdbId });
    return (result.affected ?? 0) > 0;
  }

  /** Most recently rated or corrected first. */
  page(userId: number, offset: number, limit: number): Promise<[RatingEntity[], number]> {
    return this.ratings.findAndCount({
      where: { userId },
      order: { updatedAt: 'DESC', tmdbId: 'ASC' },
      skip: offset,
      take: limit,
    });
  }
}

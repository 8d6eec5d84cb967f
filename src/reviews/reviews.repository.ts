import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Review } from './review';
import { REVIEW_COLUMNS, REVIEW_FROM, ReviewRow, toReview } from './review-rows';
import { ReviewTransaction } from './review-transaction';

@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: number): Promise<Review | null> {
    const rows = (await this.dataSource.query(`SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id = $1`, [id])) as ReviewRow[];
    return rows[0] ? toReview(rows[0]) : null;
  }

  async existsFor(userId: number, movieId: number): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM reviews WHERE user_id = $1 AND movie_id = $2`, [
      userId,
      movieId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async listByMovie(movieId: number, offset: number, limit: number): Promise<{ items: Review[]; total: number }> {
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM reviews WHERE movie_id = $1`, [movieId])) as {
      total: number;
    }[];
    const rows = (await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.movie_id = $1 ORDER BY r.id LIMIT $2 OFFSET $3`,
      [movieId, limit, offset],
    )) as ReviewRow[];
    return { items: rows.map(toReview), total };
  }

  /** Committed reviews in id order after `afterId` (keyset pages for the reconciliation walk). */
  async listAfter(afterId: number, limit: number): Promise<Review[]> {
    const rows = (await this.dataSource.query(`SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id > $1 ORDER BY r.id LIMIT $2`, [
      afterId,
      limit,
    ])) as ReviewRow[];
    return rows.map(toReview);
  }

  async idsOfMovie(movieId: number): Promise<number[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM reviews WHERE movie_id = $1 ORDER BY id`, [movieId])) as { id: number }[];
    return rows.map((row) => row.id);
  }

  /**
   * Runs `work` in one transaction on a connection of its own: committed when it returns, rolled back when
   * it throws (the commit's own failure included, which is what callers must compensate).
   */
  async inTransaction<T>(work: (tx: ReviewTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const result = await work(new ReviewTransaction(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}

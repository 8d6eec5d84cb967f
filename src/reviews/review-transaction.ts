import { QueryRunner } from 'typeorm';
import { NewReview, Review } from './review';
import { REVIEW_COLUMNS, REVIEW_FROM, ReviewRow, toReview } from './review-rows';

/** Advisory-lock class of one review (the key is the review id): writers and repairs of a review queue here. */
export const REVIEW_LOCK_CLASS = 1_313_821_769;

/**
 * The statements of one review transaction. While it is open it holds the review's advisory lock, so a
 * reconciliation or compensation never judges a review whose Notion write is still in flight.
 */
export class ReviewTransaction {
  constructor(private readonly runner: QueryRunner) {}

  /** The id before the row exists, so the Notion page can carry it. */
  async allocateId(): Promise<number> {
    const [row] = await this.rows<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('reviews', 'id'))::int AS id`);
    return row.id;
  }

  async lock(reviewId: number): Promise<void> {
    await this.rows(`SELECT pg_advisory_xact_lock($1, $2)`, [REVIEW_LOCK_CLASS, reviewId]);
  }

  /** False when someone else holds the review (a write in flight): the caller skips it this time. */
  async tryLock(reviewId: number): Promise<boolean> {
    const [row] = await this.rows<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1, $2) AS locked`, [REVIEW_LOCK_CLASS, reviewId]);
    return row.locked;
  }

  /** Waits at most this long for a lock held by another transaction, then fails with 55P03. */
  async setLockTimeout(ms: number): Promise<void> {
    await this.rows(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.round(ms)}ms`]);
  }

  /** Unique (user, movie) and the movie's foreign key raise here, before Notion is called. */
  async insert(id: number, review: NewReview): Promise<void> {
    await this.rows(`INSERT INTO reviews (id, movie_id, user_id, rating, comment) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      review.movieId,
      review.userId,
      review.rating,
      review.comment,
    ]);
  }

  /**
   * The review as it stands in this transaction, locking its row and sharing its movie's row, so a
   * concurrent rename of the movie waits for this transaction (and then sees this review).
   */
  async findForWrite(id: number): Promise<Review | null> {
    const [row] = await this.rows<ReviewRow>(`SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id = $1 FOR UPDATE OF r FOR SHARE OF m`, [
      id,
    ]);
    return row ? toReview(row) : null;
  }

  async find(id: number): Promise<Review | null> {
    const [row] = await this.rows<ReviewRow>(`SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id = $1`, [id]);
    return row ? toReview(row) : null;
  }

  /** The review whose page this is, if any. */
  async pageOwner(pageId: string): Promise<number | null> {
    const [row] = await this.rows<{ id: number }>(`SELECT id FROM reviews WHERE notion_page_id = $1`, [pageId]);
    return row?.id ?? null;
  }

  async update(id: number, changes: { rating: number; comment: string }): Promise<void> {
    await this.rows(`UPDATE reviews SET rating = $2, comment = $3, updated_at = now() WHERE id = $1`, [
      id,
      changes.rating,
      changes.comment,
    ]);
  }

  async setPageId(id: number, pageId: string): Promise<void> {
    await this.rows(`UPDATE reviews SET notion_page_id = $2 WHERE id = $1`, [id, pageId]);
  }

  async delete(id: number): Promise<void> {
    await this.rows(`DELETE FROM reviews WHERE id = $1`, [id]);
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params, true);
    return result.records as T[];
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PendingSyncEntity } from './entities/pending-sync.entity';

export interface PendingSync {
  reviewId: number;
  pageIds: string[];
  reason: string;
  attempts: number;
  /** Identifies this version of the record, so finishing it never erases a newer failure. */
  updatedAt: Date;
}

/**
 * The durable list of owed Notion repairs. Written through the pool, outside the failed write's
 * transaction (which is rolled back by then), so a record survives whatever happened to that transaction.
 */
@Injectable()
export class PendingSyncsRepository {
  constructor(@InjectRepository(PendingSyncEntity) private readonly pending: Repository<PendingSyncEntity>) {}

  /** Adds the review (or merges the pages and reason into its existing record). */
  async record(reviewId: number, pageIds: string[], reason: string, lastError: string): Promise<void> {
    await this.pending.query(
      // updated_at in whole milliseconds: it is the record's version, compared with a JavaScript Date in finish().
      `INSERT INTO notion_pending_syncs (review_id, page_ids, reason, last_error, updated_at)
       VALUES ($1, $2::uuid[], $3, $4, date_trunc('milliseconds', clock_timestamp()))
       ON CONFLICT (review_id) DO UPDATE SET
         page_ids = ARRAY(SELECT DISTINCT unnest(notion_pending_syncs.page_ids || EXCLUDED.page_ids)),
         reason = EXCLUDED.reason, last_error = EXCLUDED.last_error,
         updated_at = greatest(EXCLUDED.updated_at, notion_pending_syncs.updated_at + interval '1 millisecond')`,
      [reviewId, pageIds, reason.slice(0, 200), lastError.slice(0, 500)],
    );
  }

  async list(limit: number): Promise<PendingSync[]> {
    const rows = await this.pending.find({ order: { createdAt: 'ASC', reviewId: 'ASC' }, take: limit });
    return rows.map(({ reviewId, pageIds, reason, attempts, updatedAt }) => ({ reviewId, pageIds, reason, attempts, updatedAt }));
  }

  count(): Promise<number> {
    return this.pending.count();
  }

  /** Done: removed unless a newer failure was recorded meanwhile. */
  async finish(entry: PendingSync): Promise<void> {
    await this.pending.query(`DELETE FROM notion_pending_syncs WHERE review_id = $1 AND updated_at = $2`, [
      entry.reviewId,
      entry.updatedAt,
    ]);
  }

  async failedAgain(entry: PendingSync, lastError: string): Promise<void> {
    await this.pending.query(`UPDATE notion_pending_syncs SET attempts = attempts + 1, last_error = $2 WHERE review_id = $1`, [
      entry.reviewId,
      lastError.slice(0, 500),
    ]);
  }
}

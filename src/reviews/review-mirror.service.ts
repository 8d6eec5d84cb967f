import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { SpanHandle, traced } from '../infra/tracing/spans';
import { NotionPort } from '../notion/notion.port';
import { PendingSyncsRepository } from './pending-syncs.repository';
import { pageMatches } from '../notion/review-page';
import { pageContentOf, Review } from './review';
import { pgErrorCode } from '../infra/database/pg-errors';
import { ReviewTransaction } from './review-transaction';
import { ReviewsRepository } from './reviews.repository';

export interface RepairCounts {
  recreated: number;
  updated: number;
  archived: number;
}

export interface RepairOptions {
  /** Pages known to be involved besides the one the row names (a page a failed create made, a duplicate). */
  pageIds?: string[];
  /** Also look in Notion for live pages carrying this `Review ID` (a timed-out create may have made one). */
  searchNotion?: boolean;
  /** Wait for a write in flight to finish (compensations); otherwise skip a busy review ('busy'). */
  wait?: boolean;
}

/** A compensation gets the lock within this; the holder is a write or repair of the same review. */
const LOCK_WAIT_MS = 10_000;
const COMPENSATION_ROUNDS = 2;
const ROUND_PAUSE_MS = 250;

/**
 * Keeps one review's Notion presence equal to its row, the row being the truth: the row's page live with
 * the row's properties (restored from the trash, rewritten, or made anew when it is gone), and no other
 * live page carrying its `Review ID`; without a row, no live page at all. Every compensation and every
 * reconciliation repair is this one idempotent operation, done under the review's lock and with fresh
 * reads of both stores, so it is right whatever happened before and however often it runs.
 */
@Injectable()
export class ReviewMirror {
  private readonly logger = new Logger('ReviewMirror');

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly notion: NotionPort,
    private readonly pending: PendingSyncsRepository,
  ) {}

  repair(reviewId: number, options: RepairOptions = {}): Promise<RepairCounts | 'busy'> {
    return this.reviews.inTransaction(async (tx) => {
      if (options.wait) {
        await tx.setLockTimeout(LOCK_WAIT_MS);
        await tx.lock(reviewId);
      } else if (!(await tx.tryLock(reviewId))) {
        return 'busy';
      }
      const counts: RepairCounts = { recreated: 0, updated: 0, archived: 0 };
      const review = await tx.find(reviewId);
      const others = new Set(options.pageIds ?? []);
      if (options.searchNotion) for (const page of await this.notion.findLivePagesByReviewId(reviewId)) others.add(page.id);
      if (review) others.delete(await this.restoreOwnPage(tx, review, counts));
      for (const pageId of others) {
        // Another review's page (its Review ID edited in Notion) is that review's repair to make, not ours to trash.
        if ((await tx.pageOwner(pageId)) !== null) continue;
        const page = await this.notion.getPage(pageId);
        if (page && !page.inTrash && page.content.reviewId === reviewId) {
          await this.notion.trashPage(pageId);
          counts.archived += 1;
        }
      }
      return counts;
    });
  }

  /**
   * Undoes what a failed write may have left in Notion by repairing the review against the (rolled back)
   * database, retried; when that still fails the review is recorded for the reconciliation, durably.
   */
  compensate(reviewId: number, pageIds: string[], reason: string): Promise<void> {
    return traced('review compensate', { 'review.id': reviewId, 'review.compensation.reason': reason.slice(0, 200) }, (span) =>
      this.compensateTraced(reviewId, pageIds, reason, span),
    );
  }

  private async compensateTraced(reviewId: number, pageIds: string[], reason: string, span: SpanHandle): Promise<void> {
    let lastError: unknown;
    for (let round = 0; round < COMPENSATION_ROUNDS; round += 1) {
      if (round > 0) await sleep(ROUND_PAUSE_MS);
      try {
        await this.repair(reviewId, { pageIds, searchNotion: true, wait: true });
        span.setAttributes({ 'review.compensation.outcome': 'repaired', 'review.compensation.rounds': round + 1 });
        return;
      } catch (error) {
        lastError = error;
      }
    }
    span.setAttributes({ 'review.compensation.outcome': 'recorded_pending', 'review.compensation.rounds': COMPENSATION_ROUNDS });
    const detail = describe(lastError);
    this.logger.warn({ msg: 'Notion compensation failed; recorded for the reconciliation', reviewId, pageIds, reason, detail });
    try {
      await this.pending.record(reviewId, pageIds, reason, detail);
    } catch (error) {
      // Even then nothing is lost: the reconciliation compares every page with every row.
      this.logger.error({ msg: 'could not record a pending Notion compensation', reviewId, pageIds, reason, detail: describe(error) });
    }
  }

  /** Returns the id of the page the review now lives in. */
  private async restoreOwnPage(tx: ReviewTransaction, review: Review, counts: RepairCounts): Promise<string> {
    const expected = pageContentOf(review);
    const page = review.notionPageId ? await this.notion.getPage(review.notionPageId) : null;
    if (page) {
      if (page.inTrash) counts.recreated += 1;
      else if (!pageMatches(page, expected)) counts.updated += 1;
      else return page.id;
      await this.notion.writeReviewPage(page.id, expected);
      return page.id;
    }
    // The page is gone for good: adopt a live page with its Review ID, or make a new one.
    const [live] = await this.notion.findLivePagesByReviewId(review.id);
    const replacement = live
      ? pageMatches(live, expected)
        ? live
        : await this.notion.writeReviewPage(live.id, expected)
      : await this.notion.createReviewPage(expected);
    await tx.setPageId(review.id, replacement.id);
    counts.recreated += 1;
    return replacement.id;
  }
}

export function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  const code = pgErrorCode(error);
  if (code) return `database error ${code}`;
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
}

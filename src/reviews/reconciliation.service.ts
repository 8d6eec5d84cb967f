import { Injectable, Logger } from '@nestjs/common';
import { ConflictError } from '../common/errors/domain-error';
import { pageContentOf } from './review';
import { describe, RepairCounts, ReviewMirror } from './review-mirror.service';
import { ReviewsRepository } from './reviews.repository';
import { notionNotConfigured, NotionPort } from '../notion/notion.port';
import { PendingSyncsRepository } from './pending-syncs.repository';
import { ReconciliationLock } from './reconciliation-lock';
import { contentDigest } from '../notion/review-page';
import { LivePageIndex } from './live-page-index';

export interface ReconciliationReport {
  /** Reviews compared with their pages. */
  checked: number;
  /** Pages restored from the trash or made anew for reviews that had no live page. */
  recreated: number;
  /** Pages whose properties were set back to the review's. */
  updated: number;
  /** Live pages moved to the trash: without a review, duplicates, or without a Review ID. */
  archived: number;
  /** Repairs still owed after this run (they failed again, or their review was being written). */
  pending: number;
}

const REVIEW_BATCH = 500;
const PENDING_BATCH = 1000;
/** Repairs failing one after another mean Notion (or the database) is down: stop rather than grind on. */
const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Compares PostgreSQL with Notion and repairs the drift, PostgreSQL being the truth: first the pending
 * compensations, then every review against a snapshot of the live pages (streamed from Notion and kept as ids
 * and digests only), then the pages left over. The snapshot only nominates suspects; each repair re-reads both stores under the review's lock
 * (ReviewMirror.repair), and skips a review whose write is in flight, so running while reviews are
 * written is safe. One run at a time across replicas.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly notion: NotionPort,
    private readonly reviews: ReviewsRepository,
    private readonly mirror: ReviewMirror,
    private readonly pending: PendingSyncsRepository,
    private readonly lock: ReconciliationLock,
  ) {}

  get enabled(): boolean {
    return this.notion.configured;
  }

  async reconcile(): Promise<ReconciliationReport> {
    if (!this.notion.configured) throw notionNotConfigured();
    const release = await this.lock.tryAcquire();
    if (!release) throw new ConflictError('ReconciliationRunning', 'A reconciliation is already running; try again when it has finished.');
    try {
      const startedAt = Date.now();
      const report = await new ReconciliationRun(this.notion, this.reviews, this.mirror, this.pending).run();
      this.logger.log({ msg: 'Notion reconciliation finished', ...report, ms: Date.now() - startedAt });
      return report;
    } finally {
      await release();
    }
  }
}

/** One walk: the figures and the failure streak of a single reconciliation. */
class ReconciliationRun {
  private readonly totals = { checked: 0, recreated: 0, updated: 0, archived: 0 };
  private consecutiveFailures = 0;

  constructor(
    private readonly notion: NotionPort,
    private readonly reviews: ReviewsRepository,
    private readonly mirror: ReviewMirror,
    private readonly pending: PendingSyncsRepository,
  ) {}

  async run(): Promise<ReconciliationReport> {
    await this.finishPendingCompensations();
    const index = await LivePageIndex.build(this.notion.livePages());
    const namedPages = new Set<string>();

    for (let afterId = 0; ;) {
      const batch = await this.reviews.listAfter(afterId, REVIEW_BATCH);
      if (batch.length === 0) break;
      for (const review of batch) {
        this.totals.checked += 1;
        if (review.notionPageId) namedPages.add(review.notionPageId);
        const pages = index.take(review.id);
        const own = pages.find((page) => page.id === review.notionPageId);
        const others = pages.filter((page) => page !== own).map((page) => page.id);
        if (own && others.length === 0 && own.digest === contentDigest(pageContentOf(review))) continue;
        await this.repair(review.id, others);
      }
      afterId = batch[batch.length - 1].id;
    }

    // Live pages whose Review ID has no row: the repair archives them unless a write of that review is in flight.
    for (const [reviewId, pages] of index.untaken())
      await this.repair(
        reviewId,
        pages.map((page) => page.id),
      );
    // A page whose Review ID was erased in Notion is still its review's page if a row names it (repaired above).
    for (const pageId of index.unkeyedPageIds().filter((candidate) => !namedPages.has(candidate))) {
      try {
        await this.notion.trashPage(pageId);
        this.totals.archived += 1;
      } catch (error) {
        this.failed(error);
      }
    }
    return { ...this.totals, pending: await this.pending.count() };
  }

  private async finishPendingCompensations(): Promise<void> {
    for (const entry of await this.pending.list(PENDING_BATCH)) {
      try {
        const counts = await this.mirror.repair(entry.reviewId, { pageIds: entry.pageIds, searchNotion: true });
        if (counts === 'busy') continue;
        this.add(counts);
        await this.pending.finish(entry);
      } catch (error) {
        await this.pending.failedAgain(entry, describe(error));
        this.failed(error);
      }
    }
  }

  private async repair(reviewId: number, pageIds: string[]): Promise<void> {
    try {
      const counts = await this.mirror.repair(reviewId, { pageIds });
      if (counts !== 'busy') this.add(counts);
    } catch (error) {
      await this.pending.record(reviewId, pageIds, 'reconciliation repair failed', describe(error));
      this.failed(error);
    }
  }

  private add(counts: RepairCounts): void {
    this.consecutiveFailures = 0;
    this.totals.recreated += counts.recreated;
    this.totals.updated += counts.updated;
    this.totals.archived += counts.archived;
  }

  private failed(error: unknown): void {
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) throw error;
  }
}

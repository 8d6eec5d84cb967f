import { NotConfiguredError } from '../common/errors/domain-error';
import type { ReviewPage, ReviewPageContent } from './review-page';

/** What review writes answer while Notion is not configured: nothing is stored, so both stores still agree. */
export function notionNotConfigured(): NotConfiguredError {
  return new NotConfiguredError(
    'NotionNotConfigured',
    'Reviews are kept in PostgreSQL and in Notion together, and Notion is not configured (NOTION_TOKEN, NOTION_DATABASE_ID); reviews cannot be written now, but they can be read.',
  );
}

/**
 * The reviews database in Notion. Bound by NotionModule to the @notionhq/client adapter, which paces every
 * call under Notion's rate limit and owns the retry policy.
 *
 * Errors: NotConfiguredError when NOTION_TOKEN or NOTION_DATABASE_ID is missing; NotionCallError (an
 * UpstreamError: 502/503/504 kinds) when Notion fails once retries are spent; its `mayHaveApplied` says
 * whether the write may nevertheless have happened (a timeout, a dropped connection, a gateway error).
 */
export abstract class NotionPort {
  abstract readonly configured: boolean;

  /**
   * Creates the page of a review. Retries are idempotent: before creating again it looks the page up by
   * its `Review ID` and adopts the one a timed-out attempt may have created.
   */
  abstract createReviewPage(content: ReviewPageContent): Promise<ReviewPage>;

  /**
   * Sets every property of the page and takes it out of the trash if it is there.
   * UpstreamError kind 'not_found' when the page no longer exists at all.
   */
  abstract writeReviewPage(pageId: string, content: ReviewPageContent): Promise<ReviewPage>;

  /** Moves the page to the trash; a page already in the trash, or gone, is success. */
  abstract trashPage(pageId: string): Promise<void>;

  /** The page, in the trash or not; null when Notion has no such page. */
  abstract getPage(pageId: string): Promise<ReviewPage | null>;

  /** Live (not trashed) pages carrying this `Review ID`. */
  abstract findLivePagesByReviewId(reviewId: number): Promise<ReviewPage[]>;

  /**
   * Every live page of the database, one query page (at most 100) at a time: the next is asked for only when
   * the caller takes it, so a walk of 100,000 pages holds one hundred at once, not all of them.
   */
  abstract livePages(): AsyncIterable<ReviewPage[]>;
}

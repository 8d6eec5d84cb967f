import { randomUUID } from 'node:crypto';
import { NotionCallError } from '../../../src/notion/notion-call-error';
import { NotionPort } from '../../../src/notion/notion.port';
import { ReviewPage, ReviewPageContent } from '../../../src/notion/review-page';

export type NotionOperation = 'createReviewPage' | 'writeReviewPage' | 'trashPage' | 'getPage' | 'findLivePagesByReviewId' | 'livePages';

/** Decides, before an operation touches the pages, whether it fails; 'after' fails once the change is made. */
export interface PlannedFailure {
  operation: NotionOperation;
  error: () => Error;
  /** The change is made and then the answer is lost (a timeout after Notion stored the write). */
  after?: boolean;
  /** How many calls fail; unlimited when absent. */
  times?: number;
}

const QUERY_PAGE_SIZE = 2;

/** Notion answered 503: nothing was stored, and retries are spent. */
export const unavailable = (): NotionCallError => new NotionCallError('upstream_unavailable', 'Notion answered 503.', 503);
/** Notion's answer never came: the write may have been stored. */
export const timedOut = (): NotionCallError =>
  new NotionCallError('upstream_timeout', 'Notion did not answer in time.', undefined, undefined, true);

/**
 * The reviews database in memory, behind the real port's contract: pages by id, a trash, and failures
 * planned per operation. Every call is logged so a test can say what Notion was asked.
 */
export class FakeNotion extends NotionPort {
  readonly configured = true;
  readonly pages = new Map<string, ReviewPage>();
  readonly calls: NotionOperation[] = [];
  private failures: PlannedFailure[] = [];

  fail(failure: PlannedFailure): void {
    this.failures.push(failure);
  }

  heal(): void {
    this.failures = [];
  }

  /** An empty database, no failures planned, no calls seen. */
  reset(): void {
    this.heal();
    this.pages.clear();
    this.calls.length = 0;
  }

  /** A page as someone may have left it in Notion (edited, without a Review ID, for no review). */
  put(content: ReviewPage['content'], inTrash = false): ReviewPage {
    const page: ReviewPage = { id: randomUUID(), inTrash, content: { ...content } };
    this.pages.set(page.id, page);
    return page;
  }

  pagesNotInTrash(): ReviewPage[] {
    return [...this.pages.values()].filter((page) => !page.inTrash);
  }

  livePagesOf(reviewId: number): ReviewPage[] {
    return this.pagesNotInTrash().filter((page) => page.content.reviewId === reviewId);
  }

  async createReviewPage(content: ReviewPageContent): Promise<ReviewPage> {
    return this.call('createReviewPage', () => {
      // Idempotent like the adapter: a live page with this Review ID is adopted, not duplicated.
      const [existing] = this.livePagesOf(content.reviewId);
      if (existing) return this.copy(existing);
      return this.copy(this.put(content));
    });
  }

  async writeReviewPage(pageId: string, content: ReviewPageContent): Promise<ReviewPage> {
    return this.call('writeReviewPage', () => {
      const page = this.pages.get(pageId);
      if (!page) throw new NotionCallError('not_found', 'Notion has no such page.', 404);
      page.inTrash = false;
      page.content = { ...content };
      return this.copy(page);
    });
  }

  async trashPage(pageId: string): Promise<void> {
    return this.call('trashPage', () => {
      const page = this.pages.get(pageId);
      if (page) page.inTrash = true;
    });
  }

  async getPage(pageId: string): Promise<ReviewPage | null> {
    return this.call('getPage', () => {
      const page = this.pages.get(pageId);
      return page ? this.copy(page) : null;
    });
  }

  async findLivePagesByReviewId(reviewId: number): Promise<ReviewPage[]> {
    return this.call('findLivePagesByReviewId', () => this.livePagesOf(reviewId).map((page) => this.copy(page)));
  }

  /** In query pages of two, so a walk over a few pages already spans several. */
  async *livePages(): AsyncIterable<ReviewPage[]> {
    const pages = this.call('livePages', () => this.pagesNotInTrash().map((page) => this.copy(page)));
    for (let start = 0; start < pages.length; start += QUERY_PAGE_SIZE) yield pages.slice(start, start + QUERY_PAGE_SIZE);
  }

  private call<T>(operation: NotionOperation, work: () => T): T {
    this.calls.push(operation);
    const failure = this.failures.find((candidate) => candidate.operation === operation && (candidate.times ?? 1) > 0);
    if (!failure) return work();
    if (failure.times !== undefined) failure.times -= 1;
    if (failure.after) work();
    throw failure.error();
  }

  private copy(page: ReviewPage): ReviewPage {
    return { ...page, content: { ...page.content } };
  }
}

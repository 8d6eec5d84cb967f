import { contentDigest, ReviewPage } from '../notion/review-page';

/** What the reconciliation keeps of a live page: its id and a digest of its properties, nothing more. */
export interface IndexedPage {
  id: string;
  digest: string;
}

/**
 * The live Notion pages by their `Review ID`, built from the stream of query pages: each page is reduced to
 * its id and digest as it arrives, so 100,000 reviews cost a few tens of MB, not their comments many times over.
 */
export class LivePageIndex {
  private readonly byReviewId = new Map<number, IndexedPage[]>();
  private readonly unkeyed: string[] = [];

  static async build(batches: AsyncIterable<ReviewPage[]>): Promise<LivePageIndex> {
    const index = new LivePageIndex();
    for await (const batch of batches) for (const page of batch) index.add(page);
    return index;
  }

  add(page: ReviewPage): void {
    const reviewId = page.content.reviewId;
    // A page without a usable Review ID cannot belong to any review.
    if (reviewId === null || !Number.isSafeInteger(reviewId) || reviewId < 1) {
      this.unkeyed.push(page.id);
      return;
    }
    const entry = { id: page.id, digest: contentDigest(page.content) };
    const claimed = this.byReviewId.get(reviewId);
    if (claimed) claimed.push(entry);
    else this.byReviewId.set(reviewId, [entry]);
  }

  /** The pages claiming this review, removed from the index (what is left at the end has no review). */
  take(reviewId: number): IndexedPage[] {
    const pages = this.byReviewId.get(reviewId) ?? [];
    this.byReviewId.delete(reviewId);
    return pages;
  }

  /** Pages whose Review ID no review has taken. */
  untaken(): IterableIterator<[number, IndexedPage[]]> {
    return this.byReviewId.entries();
  }

  unkeyedPageIds(): readonly string[] {
    return this.unkeyed;
  }
}

import { contentDigest, ReviewPage } from '../notion/review-page';

/** What the reconciliation keeps of a live page: its id and a digest of its properties, nothing more. */
export interface IndexedPage {
  id: string;
  digest: string;
}

/**
 * The live Notion pages by their `Review ID`, built from the stream of query pages: each page is reduced to
 * its id and digest as it arrives, packed in one short string (an array only for the rare review claimed by
 * several pages), so 100,000 reviews cost about ten MB whatever the length of their comments.
 */
export class LivePageIndex {
  private readonly byReviewId = new Map<number, string | string[]>();
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
    const packed = flat(`${page.id} ${contentDigest(page.content)}`);
    const claimed = this.byReviewId.get(reviewId);
    if (claimed === undefined) this.byReviewId.set(reviewId, packed);
    else if (typeof claimed === 'string') this.byReviewId.set(reviewId, [claimed, packed]);
    else claimed.push(packed);
  }

  /** The pages claiming this review, removed from the index (what is left at the end has no review). */
  take(reviewId: number): IndexedPage[] {
    const claimed = this.byReviewId.get(reviewId);
    this.byReviewId.delete(reviewId);
    return claimed === undefined ? [] : (typeof claimed === 'string' ? [claimed] : claimed).map(unpack);
  }

  /** Pages whose Review ID no review has taken. */
  *untaken(): IterableIterator<[number, IndexedPage[]]> {
    for (const [reviewId, claimed] of this.byReviewId) yield [reviewId, (typeof claimed === 'string' ? [claimed] : claimed).map(unpack)];
  }

  unkeyedPageIds(): readonly string[] {
    return this.unkeyed;
  }
}

function unpack(packed: string): IndexedPage {
  const space = packed.indexOf(' ');
  return { id: packed.slice(0, space), digest: packed.slice(space + 1) };
}

/** One sequential string: a concatenation is kept as a rope of its parts, three objects instead of one. */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

import { createHash } from 'node:crypto';

/** What a review looks like in the Notion database: one page per review (contract: Upstream schemas). */
export interface ReviewPageContent {
  reviewId: number;
  /** The catalog title of the reviewed movie. */
  movie: string;
  rating: number;
  review: string;
  /** The author's username. */
  author: string;
}

/** A page as read back from Notion; properties anyone may have edited, so each may be empty. */
export interface ReviewPage {
  id: string;
  inTrash: boolean;
  content: {
    reviewId: number | null;
    movie: string;
    rating: number | null;
    review: string;
    author: string;
  };
}

/**
 * A short fingerprint of a page's properties: equal exactly when pageMatches would say so (up to a 2^-128
 * chance), so a walk over every page keeps 22 characters per page instead of its properties.
 */
export function contentDigest(content: ReviewPageContent | ReviewPage['content']): string {
  const fields = [content.reviewId, content.movie, content.rating, content.review, content.author];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 22);
}

/** Notion's timestamps are minute-granular, so drift is found by comparing properties, never times. */
export function pageMatches(page: ReviewPage, expected: ReviewPageContent): boolean {
  const actual = page.content;
  return (
    actual.reviewId === expected.reviewId &&
    actual.movie === expected.movie &&
    actual.rating === expected.rating &&
    actual.review === expected.review &&
    actual.author === expected.author
  );
}

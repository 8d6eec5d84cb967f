import type { ReviewPageContent } from '../notion/review-page';

/** A review with what its readers (and its Notion page) show: the movie's title and the author's name. */
export interface Review {
  id: number;
  movieId: number;
  movieTitle: string;
  userId: number;
  author: string;
  rating: number;
  comment: string;
  notionPageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewReview {
  movieId: number;
  userId: number;
  rating: number;
  comment: string;
}

/** The page a review must have in Notion: always derived from the database, never from the request. */
export function pageContentOf(review: Review): ReviewPageContent {
  return { reviewId: review.id, movie: review.movieTitle, rating: review.rating, review: review.comment, author: review.author };
}

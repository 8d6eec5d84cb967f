import { Review } from './review';

/** Every read of a review joins its movie's title and its author's name (no N+1). */
export const REVIEW_COLUMNS = `r.id, r.movie_id, m.title AS movie_title, r.user_id, u.username AS author, r.rating, r.comment,
  r.notion_page_id, r.created_at, r.updated_at`;
export const REVIEW_FROM = `FROM reviews r JOIN catalog_movies m ON m.id = r.movie_id JOIN users u ON u.id = r.user_id`;

export interface ReviewRow {
  id: number;
  movie_id: number;
  movie_title: string;
  user_id: number;
  author: string;
  rating: number;
  comment: string;
  notion_page_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    movieId: row.movie_id,
    movieTitle: row.movie_title,
    userId: row.user_id,
    author: row.author,
    rating: row.rating,
    comment: row.comment,
    notionPageId: row.notion_page_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

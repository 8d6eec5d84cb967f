/** Our own users' reviews of a TMDB movie, shown beside its details. */
export interface MovieReviewStats {
  reviewCount: number;
  /** Mean rating rounded to two decimals; null without reviews. */
  averageRating: number | null;
}

/** Provided by the catalog (bound in AppModule), so movies does not depend on it. */
export abstract class ReviewStatsPort {
  abstract reviewStatsByTmdbId(tmdbId: number): Promise<MovieReviewStats>;
}

/** What one user has said about one movie, merged into TMDB's shared answers per request. */
export interface UserMovieFlags {
  favorite: boolean;
  inWatchlist: boolean;
  myRating: number | null;
}

export const NO_FLAGS: UserMovieFlags = { favorite: false, inWatchlist: false, myRating: null };

/**
 * The caller's marks on a set of movies. Movies defines what it needs; the user-marks feature provides it
 * (bound in AppModule), so movies depends on no per-user feature.
 */
export abstract class UserMarksPort {
  /** Every id asked for is in the answer (NO_FLAGS when the user has not marked it). */
  abstract forMovies(userId: number, tmdbIds: readonly number[]): Promise<Map<number, UserMovieFlags>>;
}

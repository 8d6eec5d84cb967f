import type { MovieDetails } from '../movies/movie.types';

/** A movie's details as we last got them, and when. */
export interface MovieSnapshot {
  details: MovieDetails;
  fetchedAt: Date;
}

/**
 * What a list shows for one movie: its snapshot, or (fetchedAt null) the last good copy TMDB's cache kept
 * while TMDB fails. A movie missing from the answer could not be described at all.
 */
export interface DescribedMovie {
  details: MovieDetails;
  fetchedAt: Date | null;
}

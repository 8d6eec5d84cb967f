import type { MovieDetails } from '../movies/movie.types';

/** The fields of a favorite's details that are unknown while TMDB cannot give them. */
type DetailOnly = Exclude<keyof MovieDetails, 'tmdbId' | 'title' | 'releaseDate' | 'posterPath' | 'posterUrl'>;

type PartialDetails = Pick<MovieDetails, 'tmdbId' | 'title' | 'releaseDate' | 'posterPath' | 'posterUrl'> & {
  [K in DetailOnly]: MovieDetails[K] extends unknown[] | object ? MovieDetails[K] : MovieDetails[K] | null;
};

interface OwnFields {
  favorite: true;
  /** The list owner's rating. */
  myRating: number | null;
  addedAt: string;
  /** When the details were taken from TMDB; null when unknown (partial, or TMDB's last good copy while it fails). */
  detailsFetchedAt: string | null;
}

/** What a favorite with full details shows after them. */
export type FavoriteFields = OwnFields & { detailsPartial: false };

/** A favorite as lists show it: full details, or (detailsPartial) what was stored when it was added. */
export type FavoriteMovie = (MovieDetails & FavoriteFields) | (PartialDetails & OwnFields & { detailsPartial: true });

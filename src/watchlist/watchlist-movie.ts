import type { MovieSummary } from '../movies/movie.types';
import type { UserMovieFlags } from '../movies/user-marks.port';

/** The fields of a movie summary that are unknown while TMDB cannot describe the movie. */
type SummaryOnly = Exclude<keyof MovieSummary, 'tmdbId'>;

type UnknownSummary = Pick<MovieSummary, 'tmdbId'> & { [K in SummaryOnly]: MovieSummary[K] extends unknown[] ? MovieSummary[K] : null };

interface OwnFields {
  addedAt: string;
  /** When the details were taken from TMDB; null when unknown (partial, or TMDB's last good copy while it fails). */
  detailsFetchedAt: string | null;
}

/** What an item with the movie's summary shows after it: the caller's flags and where the summary came from. */
export type WatchlistFields = UserMovieFlags & OwnFields & { detailsPartial: false };

/** A watchlist item: the movie as TMDB's lists show it with the caller's flags, or (detailsPartial) only its id. */
export type WatchlistMovie = (MovieSummary & WatchlistFields) | (UnknownSummary & UserMovieFlags & OwnFields & { detailsPartial: true });

import type { MovieDetails, MovieSummary } from '../movies/movie.types';

/** A movie's details as TMDB's lists show it (popular, discover), for lists we build from details. */
export function summaryOf(details: MovieDetails): MovieSummary {
  return {
    tmdbId: details.tmdbId,
    title: details.title,
    originalTitle: details.originalTitle,
    originalLanguage: details.originalLanguage,
    releaseDate: details.releaseDate,
    overview: details.overview,
    genreIds: details.genres.map((genre) => genre.id),
    posterUrl: details.posterUrl,
    backdropUrl: details.backdropUrl,
    voteAverage: details.voteAverage,
    voteCount: details.voteCount,
    popularity: details.popularity,
    adult: details.adult,
  };
}

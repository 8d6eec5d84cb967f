/** A movie's full details, mapped from TMDB's payload to our own camelCase shape. */
export interface MovieDetails {
  tmdbId: number;
  title: string;
  /** YYYY-MM-DD, or null when TMDB does not know it. */
  releaseDate: string | null;
  overview: string;
}

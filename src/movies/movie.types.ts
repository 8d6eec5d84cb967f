/** Our own shapes of TMDB's movies: camelCase, image paths turned into URLs, nothing TMDB-specific leaking out. */

export interface Genre {
  id: number;
  name: string;
}

export interface Video {
  name: string;
  /** YouTube (or Vimeo) video key. */
  key: string;
  site: string;
  /** Trailer, Teaser, Clip, Featurette, Behind the Scenes... */
  type: string;
  official: boolean;
  language: string | null;
  publishedAt: string | null;
  /** A link to watch it, when the site is one we know. */
  url: string | null;
}

export interface CastMember {
  personId: number;
  name: string;
  character: string;
  order: number;
  profileUrl: string | null;
}

export interface CrewMember {
  personId: number;
  name: string;
  department: string;
  job: string;
  profileUrl: string | null;
}

export interface Credits {
  cast: CastMember[];
  crew: CrewMember[];
}

export interface WatchProvider {
  providerId: number;
  name: string;
  logoUrl: string | null;
  displayPriority: number;
}

export interface CountryWatchProviders {
  /** TMDB's page listing where to watch it in that country. */
  link: string;
  flatrate: WatchProvider[];
  rent: WatchProvider[];
  buy: WatchProvider[];
}

/** A movie's full details, mapped from TMDB's payload to our own camelCase shape. */
export interface MovieDetails {
  tmdbId: number;
  title: string;
  /** YYYY-MM-DD, or null when TMDB does not know it. */
  releaseDate: string | null;
  overview: string;
  originalTitle: string;
  originalLanguage: string;
  tagline: string | null;
  status: string | null;
  /** Minutes, or null when unknown. */
  runtime: number | null;
  genres: Genre[];
  posterPath: string | null;
  posterUrl: string | null;
  backdropUrl: string | null;
  voteAverage: number;
  voteCount: number;
  popularity: number;
  imdbId: string | null;
  homepage: string | null;
  adult: boolean;
  videos: Video[];
  credits: Credits;
  /** By ISO 3166-1 country code. */
  watchProviders: Record<string, CountryWatchProviders>;
}

/** A movie as TMDB lists it (popular, discover, search). */
export interface MovieSummary {
  tmdbId: number;
  title: string;
  originalTitle: string;
  originalLanguage: string;
  releaseDate: string | null;
  overview: string;
  genreIds: number[];
  posterUrl: string | null;
  backdropUrl: string | null;
  voteAverage: number;
  voteCount: number;
  popularity: number;
  adult: boolean;
}

export interface MovieSummaryPage {
  items: MovieSummary[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

export interface ListQuery {
  page: number;
  language: string;
}

export interface PopularQuery extends ListQuery {
  region?: string;
}

export interface DiscoverQuery extends ListQuery {
  sortBy?: string;
  year?: number;
  /** Genre ids; all of them must match. */
  withGenres?: number[];
  includeAdult?: boolean;
  /** Also list titles TMDB marks as videos (direct-to-video releases, recordings). */
  includeVideo?: boolean;
}

export interface SearchQuery extends ListQuery {
  query: string;
  year?: number;
}

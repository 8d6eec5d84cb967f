/** The parts of TMDB API v3 answers we read; everything here may be missing or null in the wild. */

export interface TmdbConfigurationPayload {
  images?: {
    secure_base_url?: string;
    poster_sizes?: string[];
    backdrop_sizes?: string[];
    profile_sizes?: string[];
    logo_sizes?: string[];
  };
}

export interface TmdbListItemPayload {
  id: number;
  title?: string;
  original_title?: string;
  original_language?: string;
  release_date?: string | null;
  overview?: string | null;
  genre_ids?: number[];
  poster_path?: string | null;
  backdrop_path?: string | null;
  vote_average?: number;
  vote_count?: number;
  popularity?: number;
  adult?: boolean;
}

export interface TmdbPagePayload {
  page: number;
  results: TmdbListItemPayload[];
  total_pages: number;
  total_results: number;
}

interface TmdbPersonPayload {
  id: number;
  name: string;
  profile_path?: string | null;
}

export interface TmdbDetailsPayload extends TmdbListItemPayload {
  genres?: Array<{ id: number; name: string }>;
  runtime?: number | null;
  status?: string | null;
  tagline?: string | null;
  imdb_id?: string | null;
  homepage?: string | null;
  videos?: {
    results?: Array<{
      name: string;
      key: string;
      site: string;
      type: string;
      official?: boolean;
      iso_639_1?: string | null;
      published_at?: string | null;
    }>;
  };
  credits?: {
    cast?: Array<TmdbPersonPayload & { character?: string; order?: number }>;
    crew?: Array<TmdbPersonPayload & { department?: string; job?: string }>;
  };
  'watch/providers'?: {
    results?: Record<
      string,
      {
        link?: string;
        flatrate?: TmdbProviderPayload[];
        rent?: TmdbProviderPayload[];
        buy?: TmdbProviderPayload[];
      }
    >;
  };
}

export interface TmdbProviderPayload {
  provider_id: number;
  provider_name: string;
  logo_path?: string | null;
  display_priority?: number;
}

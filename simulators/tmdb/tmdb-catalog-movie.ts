import { ProviderKey } from './tmdb-watch-providers';

/** TMDB's person gender codes: 0 not set, 1 female, 2 male, 3 non-binary. */
export type Gender = 0 | 1 | 2 | 3;

export interface CastCredit {
  name: string;
  character: string;
  gender: Gender;
}

export interface CrewCredit {
  name: string;
  job: string;
  department: string;
  gender: Gender;
}

export interface CatalogVideo {
  name: string;
  key: string;
  type: 'Trailer' | 'Teaser' | 'Clip' | 'Featurette';
  /** ISO 639-1 language of the video; TMDB filters appended videos by it. */
  language: string;
  country: string;
  size: 720 | 1080 | 2160;
  official: boolean;
  publishedAt: string;
}

export interface WatchOffers {
  flatrate: ProviderKey[];
  rent: ProviderKey[];
  buy: ProviderKey[];
}

export interface CatalogCollection {
  id: number;
  name: string;
}

/** What list filtering and sorting need; cheap enough to hold for the whole catalog. */
export interface CatalogSummary {
  id: number;
  title: string;
  originalTitle: string;
  originalLanguage: string;
  releaseDate: string;
  genreIds: number[];
  popularity: number;
  voteAverage: number;
  voteCount: number;
  adult: boolean;
  /** TMDB's `video` flag (direct-to-video releases, recordings): discover hides these unless include_video=true. */
  video: boolean;
  /** US dollars; 0 when unknown, as TMDB reports it. */
  revenue: number;
  budget: number;
}

/** One movie of the simulated catalog, from which every TMDB shape is rendered. */
export interface CatalogMovie extends CatalogSummary {
  overview: string;
  tagline: string;
  runtime: number;
  hasPoster: boolean;
  hasBackdrop: boolean;
  imdbId: string | null;
  homepage: string;
  status: 'Released' | 'Post Production' | 'In Production';
  collection: CatalogCollection | null;
  productionCompanies: Array<{ name: string; country: string }>;
  productionCountries: string[];
  spokenLanguages: string[];
  videos: CatalogVideo[];
  cast: CastCredit[];
  crew: CrewCredit[];
  /** By ISO 3166-1 country code. */
  watchOffers: Record<string, WatchOffers>;
}

const DEPARTMENT_OF_JOB: Readonly<Record<string, string>> = {
  Director: 'Directing',
  'Co-Director': 'Directing',
  Screenplay: 'Writing',
  Writer: 'Writing',
  Novel: 'Writing',
  Story: 'Writing',
  Producer: 'Production',
  'Executive Producer': 'Production',
  'Original Music Composer': 'Sound',
  'Director of Photography': 'Camera',
  Editor: 'Editing',
};

export function departmentOf(job: string): string {
  return DEPARTMENT_OF_JOB[job] ?? 'Crew';
}

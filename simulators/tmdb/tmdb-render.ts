import {
  TmdbCastMember,
  TmdbCountryWatchProviders,
  TmdbCredits,
  TmdbCrewMember,
  TmdbMovieDetails,
  TmdbMovieListItem,
  TmdbVideo,
  TmdbWatchProviders,
} from './tmdb-api-types';
import { CatalogMovie, Gender } from './tmdb-catalog-movie';
import { imagePath, objectId, roundTo, slugify, stableHash, stableId } from './tmdb-deterministic';
import { COUNTRIES, genreName, LANGUAGES } from './tmdb-reference-data';
import { providerEntry, ProviderKey } from './tmdb-watch-providers';

const poster = (movie: CatalogMovie) => (movie.hasPoster ? imagePath(`poster:${movie.id}`) : null);
const backdrop = (movie: CatalogMovie) => (movie.hasBackdrop ? imagePath(`backdrop:${movie.id}`) : null);

export function renderListItem(movie: CatalogMovie): TmdbMovieListItem {
  return {
    adult: movie.adult,
    backdrop_path: backdrop(movie),
    genre_ids: movie.genreIds,
    id: movie.id,
    original_language: movie.originalLanguage,
    original_title: movie.originalTitle,
    overview: movie.overview,
    popularity: movie.popularity,
    poster_path: poster(movie),
    release_date: movie.releaseDate,
    title: movie.title,
    video: movie.video,
    vote_average: movie.voteAverage,
    vote_count: movie.voteCount,
  };
}

export function renderDetails(movie: CatalogMovie): TmdbMovieDetails {
  return {
    adult: movie.adult,
    backdrop_path: backdrop(movie),
    belongs_to_collection: movie.collection && {
      id: movie.collection.id,
      name: movie.collection.name,
      poster_path: imagePath(`collection-poster:${movie.collection.id}`),
      backdrop_path: imagePath(`collection-backdrop:${movie.collection.id}`),
    },
    budget: movie.budget,
    genres: movie.genreIds.map((id) => ({ id, name: genreName(id) })),
    homepage: movie.homepage,
    id: movie.id,
    imdb_id: movie.imdbId,
    origin_country: movie.productionCountries.slice(0, 1),
    original_language: movie.originalLanguage,
    original_title: movie.originalTitle,
    overview: movie.overview,
    popularity: movie.popularity,
    poster_path: poster(movie),
    production_companies: movie.productionCompanies.map(({ name, country }) => ({
      id: stableId('company', name, 1, 200_000),
      logo_path: stableHash(`logo:${name}`) % 3 === 0 ? null : imagePath(`company-logo:${name}`),
      name,
      origin_country: country,
    })),
    production_countries: movie.productionCountries.map((code) => ({ iso_3166_1: code, name: COUNTRIES[code] ?? code })),
    release_date: movie.releaseDate,
    revenue: movie.revenue,
    runtime: movie.runtime,
    spoken_languages: movie.spokenLanguages.map((code) => ({
      english_name: LANGUAGES[code]?.english_name ?? code,
      iso_639_1: code,
      name: LANGUAGES[code]?.name ?? code,
    })),
    status: movie.status,
    tagline: movie.tagline,
    title: movie.title,
    video: movie.video,
    vote_average: movie.voteAverage,
    vote_count: movie.voteCount,
  };
}

/**
 * TMDB only returns videos in the request's language (`language=pt-BR` keeps
 * `pt` videos) unless `include_video_language` lists more; `null` there means
 * videos without a language.
 */
export function renderVideos(movie: CatalogMovie, videoLanguages: ReadonlyArray<string | null>): { results: TmdbVideo[] } {
  return {
    results: movie.videos
      .filter((video) => videoLanguages.includes(video.language))
      .map((video) => ({
        iso_639_1: video.language,
        iso_3166_1: video.country,
        name: video.name,
        key: video.key,
        site: 'YouTube',
        size: video.size,
        type: video.type,
        official: video.official,
        published_at: video.publishedAt,
        id: objectId(`video:${movie.id}:${video.key}`),
      })),
  };
}

function person(name: string, gender: Gender, department: string, creditSeed: string) {
  return {
    adult: false,
    gender,
    id: stableId('person', name, 10_000, 4_990_000),
    known_for_department: department,
    name,
    original_name: name,
    popularity: roundTo(0.5 + (stableHash(`person-popularity:${name}`) % 6000) / 100, 3),
    profile_path: stableHash(`profile:${name}`) % 7 === 0 ? null : imagePath(`profile:${name}`),
    credit_id: objectId(creditSeed),
  };
}

export function renderCredits(movie: CatalogMovie): TmdbCredits {
  const cast: TmdbCastMember[] = movie.cast.map((credit, order) => ({
    ...person(credit.name, credit.gender, 'Acting', `cast:${movie.id}:${credit.name}:${credit.character}`),
    cast_id: 2 + order * 3,
    character: credit.character,
    order,
  }));
  const crew: TmdbCrewMember[] = movie.crew.map((credit) => ({
    ...person(credit.name, credit.gender, credit.department, `crew:${movie.id}:${credit.name}:${credit.job}`),
    department: credit.department,
    job: credit.job,
  }));
  return { cast, crew };
}

export function renderWatchProviders(movie: CatalogMovie): TmdbWatchProviders {
  const results: Record<string, TmdbCountryWatchProviders> = {};
  const slug = slugify(movie.title);
  for (const [country, offers] of Object.entries(movie.watchOffers).sort(([a], [b]) => a.localeCompare(b))) {
    const entry: TmdbCountryWatchProviders = { link: `https://www.themoviedb.org/movie/${movie.id}-${slug}/watch?locale=${country}` };
    const render = (keys: ProviderKey[]) =>
      keys.map((key) => providerEntry(key, country)).sort((a, b) => a.display_priority - b.display_priority);
    // TMDB leaves out an offer type a country does not have, rather than sending [].
    if (offers.flatrate.length > 0) entry.flatrate = render(offers.flatrate);
    if (offers.rent.length > 0) entry.rent = render(offers.rent);
    if (offers.buy.length > 0) entry.buy = render(offers.buy);
    results[country] = entry;
  }
  return { results };
}

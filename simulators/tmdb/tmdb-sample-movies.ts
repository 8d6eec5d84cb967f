import { CatalogMovie, departmentOf, WatchOffers } from './tmdb-catalog-movie';
import { SAMPLE_MOVIES, SampleMovieSpec } from './tmdb-sample-data';
import { COUNTRY_PROVIDERS, ProviderKey } from './tmdb-watch-providers';
import { teaser, trailer } from './tmdb-videos';

function storeOffers(country: string, streaming: ProviderKey[]): WatchOffers {
  const stores = COUNTRY_PROVIDERS[country]?.stores ?? [];
  return { flatrate: streaming, rent: stores.slice(0, 2), buy: stores.slice(0, 3) };
}

export function sampleCatalogMovie(spec: SampleMovieSpec): CatalogMovie {
  const language = spec.language ?? 'en';
  const homeCountry = spec.countries[0];
  const videos = [trailer(spec.id, spec.releaseDate, 'en', 'US'), teaser(spec.id, spec.releaseDate)];
  if (language !== 'en') videos.push(trailer(spec.id, spec.releaseDate, language, homeCountry));
  return {
    id: spec.id,
    title: spec.title,
    originalTitle: spec.originalTitle ?? spec.title,
    originalLanguage: language,
    releaseDate: spec.releaseDate,
    genreIds: spec.genres,
    overview: spec.overview,
    tagline: spec.tagline,
    runtime: spec.runtime,
    budget: spec.budget,
    revenue: spec.revenue,
    popularity: spec.popularity,
    voteAverage: spec.vote[0],
    voteCount: spec.vote[1],
    adult: false,
    video: false,
    hasPoster: true,
    hasBackdrop: true,
    imdbId: spec.imdbId,
    homepage: '',
    status: 'Released',
    collection: spec.collection ? { id: spec.collection[0], name: spec.collection[1] } : null,
    productionCompanies: spec.companies.map(([name, country]) => ({ name, country })),
    productionCountries: spec.countries,
    spokenLanguages: spec.spokenLanguages ?? [language],
    videos,
    cast: spec.cast.map(([name, character, gender]) => ({ name, character, gender })),
    crew: spec.crew.map(([name, job, gender]) => ({ name, job, gender, department: departmentOf(job) })),
    watchOffers: Object.fromEntries(
      Object.entries(spec.streaming).map(([country, streaming]) => [country, storeOffers(country, streaming ?? [])]),
    ),
  };
}

export function sampleCatalogMovies(): CatalogMovie[] {
  return SAMPLE_MOVIES.map(sampleCatalogMovie);
}

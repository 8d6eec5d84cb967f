import type { CountryWatchProviders, MovieDetails, MovieSummary, MovieSummaryPage, Video, WatchProvider } from '../movie.types';
import type { ImageUrls } from './tmdb-images';
import type { TmdbDetailsPayload, TmdbListItemPayload, TmdbPagePayload, TmdbProviderPayload } from './tmdb-payloads';

/** TMDB serves pages 1 to 500 only, whatever total_pages says. */
export const TMDB_MAX_PAGE = 500;
export const TMDB_PAGE_SIZE = 20;
/** Credits can list hundreds of people; a client shows the top of the cast. */
export const MAX_CAST = 20;
/** The crew jobs a movie page shows. */
const KEY_CREW_JOBS = new Set([
  'Director',
  'Screenplay',
  'Writer',
  'Novel',
  'Story',
  'Producer',
  'Original Music Composer',
  'Director of Photography',
  'Editor',
]);

/** TMDB sends "" for an unknown release date. */
const date = (value: string | null | undefined): string | null => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const text = (value: string | null | undefined): string | null => (value ? value : null);

export function mapSummary(item: TmdbListItemPayload, images: ImageUrls): MovieSummary {
  return {
    tmdbId: item.id,
    title: item.title ?? item.original_title ?? '',
    originalTitle: item.original_title ?? item.title ?? '',
    originalLanguage: item.original_language ?? '',
    releaseDate: date(item.release_date),
    overview: item.overview ?? '',
    genreIds: item.genre_ids ?? [],
    posterUrl: images.url(item.poster_path, 'poster'),
    backdropUrl: images.url(item.backdrop_path, 'backdrop'),
    voteAverage: item.vote_average ?? 0,
    voteCount: item.vote_count ?? 0,
    popularity: item.popularity ?? 0,
    adult: item.adult ?? false,
  };
}

/**
 * totalPages is capped at what TMDB will serve, and totalItems with it, so a
 * client paging by either never asks for a page TMDB refuses.
 */
export function mapPage(payload: TmdbPagePayload, images: ImageUrls): MovieSummaryPage {
  const totalItems = Math.min(payload.total_results ?? 0, TMDB_MAX_PAGE * TMDB_PAGE_SIZE);
  // TMDB says total_pages 1 for no results; our pages say 0, as every list of the API does.
  const totalPages = totalItems === 0 ? 0 : Math.min(payload.total_pages ?? 1, TMDB_MAX_PAGE);
  return {
    items: (payload.results ?? []).map((item) => mapSummary(item, images)),
    page: payload.page,
    pageSize: TMDB_PAGE_SIZE,
    totalItems,
    totalPages,
  };
}

export function mapDetails(payload: TmdbDetailsPayload, images: ImageUrls): MovieDetails {
  const summary = mapSummary(payload, images);
  const { genreIds: _genreIds, ...rest } = summary;
  return {
    ...rest,
    tagline: text(payload.tagline),
    status: text(payload.status),
    runtime: payload.runtime || null,
    genres: payload.genres ?? [],
    posterPath: payload.poster_path ?? null,
    imdbId: text(payload.imdb_id),
    homepage: text(payload.homepage),
    videos: (payload.videos?.results ?? []).map(mapVideo),
    credits: {
      cast: [...(payload.credits?.cast ?? [])]
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
        .slice(0, MAX_CAST)
        .map((member) => ({
          personId: member.id,
          name: member.name,
          character: member.character ?? '',
          order: member.order ?? 0,
          profileUrl: images.url(member.profile_path, 'profile'),
        })),
      crew: (payload.credits?.crew ?? [])
        .filter((member) => KEY_CREW_JOBS.has(member.job ?? ''))
        .map((member) => ({
          personId: member.id,
          name: member.name,
          department: member.department ?? '',
          job: member.job ?? '',
          profileUrl: images.url(member.profile_path, 'profile'),
        })),
    },
    watchProviders: mapWatchProviders(payload['watch/providers']?.results ?? {}, images),
  };
}

function mapVideo(video: NonNullable<NonNullable<TmdbDetailsPayload['videos']>['results']>[number]): Video {
  const url =
    video.site === 'YouTube'
      ? `https://www.youtube.com/watch?v=${encodeURIComponent(video.key)}`
      : video.site === 'Vimeo'
        ? `https://vimeo.com/${encodeURIComponent(video.key)}`
        : null;
  return {
    name: video.name,
    key: video.key,
    site: video.site,
    type: video.type,
    official: video.official ?? false,
    language: video.iso_639_1 ?? null,
    publishedAt: video.published_at ?? null,
    url,
  };
}

function mapWatchProviders(
  results: NonNullable<NonNullable<TmdbDetailsPayload['watch/providers']>['results']>,
  images: ImageUrls,
): Record<string, CountryWatchProviders> {
  const providers = (list: TmdbProviderPayload[] | undefined): WatchProvider[] =>
    (list ?? []).map((provider) => ({
      providerId: provider.provider_id,
      name: provider.provider_name,
      logoUrl: images.url(provider.logo_path, 'logo'),
      displayPriority: provider.display_priority ?? 0,
    }));
  return Object.fromEntries(
    Object.entries(results).map(([country, offers]) => [
      country,
      { link: offers.link ?? '', flatrate: providers(offers.flatrate), rent: providers(offers.rent), buy: providers(offers.buy) },
    ]),
  );
}

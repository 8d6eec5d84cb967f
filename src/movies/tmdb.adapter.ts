import { Injectable } from '@nestjs/common';
import { NotConfiguredError, NotFoundError, UpstreamError } from '../common/errors/domain-error';
import type { DiscoverQuery, MovieDetails, MovieSummaryPage, PopularQuery, SearchQuery } from './movie.types';
import { Cached, TmdbPort } from './tmdb.port';
import { StaleCache } from './upstream/stale-cache';
import { FALLBACK_IMAGE_CONFIGURATION, ImageUrls } from './upstream/tmdb-images';
import { TmdbHttpClient, TmdbRequest } from './upstream/tmdb-http.client';
import { mapDetails, mapPage } from './upstream/tmdb.mapper';
import type { TmdbConfigurationPayload, TmdbDetailsPayload, TmdbPagePayload } from './upstream/tmdb-payloads';

export const DEFAULT_LANGUAGE = 'en-US';
/** TMDB's image configuration changes rarely; its docs suggest checking every few days. */
const CONFIGURATION_TTL_MS = 3 * 24 * 3600 * 1000;
/**
 * Part of every cache key: entries hold our mapped shapes, so a release that
 * changes the mapping must not read what the previous one stored (Redis keeps
 * last good copies for a day).
 */
const SHAPE_VERSION = 'v1';
/** While /configuration cannot be read, the fallback is used this long before asking again. */
const CONFIGURATION_RETRY_MS = 60_000;

export interface TmdbAdapterOptions {
  /** False when TMDB_API_TOKEN is unset (tests of other features): calls answer 503 instead of reaching TMDB. */
  configured: boolean;
}

/**
 * TmdbPort over TMDB's HTTP API. Every call is an upstream GET whose key is
 * the request itself (path and sorted query, language included), answered
 * from the fresh-or-stale cache, with TMDB's payload mapped to our types
 * before it is stored.
 */
@Injectable()
export class TmdbAdapter extends TmdbPort {
  private images?: { urls: ImageUrls; until: number };

  constructor(
    private readonly client: TmdbHttpClient,
    private readonly cache: StaleCache,
    private readonly options: TmdbAdapterOptions,
  ) {
    super();
  }

  async getMovieDetails(tmdbId: number, language?: string): Promise<MovieDetails> {
    return (await this.fetchMovieDetails(tmdbId, language)).value;
  }

  async fetchMovieDetails(tmdbId: number, language = DEFAULT_LANGUAGE): Promise<Cached<MovieDetails>> {
    const request = detailsRequest(tmdbId, language);
    try {
      return await this.cached(request, async () => {
        const [payload, images] = await Promise.all([this.client.get<TmdbDetailsPayload>(request), this.imageUrls()]);
        return mapDetails(payload, images);
      });
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'not_found') {
        throw new NotFoundError('MovieNotFound', `TMDB has no movie with id ${tmdbId}.`);
      }
      throw error;
    }
  }

  async cachedMovieDetails(tmdbId: number, language = DEFAULT_LANGUAGE): Promise<MovieDetails | undefined> {
    return this.cache.peek<MovieDetails>(`${SHAPE_VERSION}:${cacheKey(detailsRequest(tmdbId, language))}`);
  }

  popular(query: PopularQuery): Promise<Cached<MovieSummaryPage>> {
    return this.page({ path: '/movie/popular', query: compact({ page: query.page, language: query.language, region: query.region }) });
  }

  discover(query: DiscoverQuery): Promise<Cached<MovieSummaryPage>> {
    return this.page({
      path: '/discover/movie',
      query: compact({
        page: query.page,
        language: query.language,
        sort_by: query.sortBy,
        primary_release_year: query.year,
        with_genres: query.withGenres?.join(','),
        include_adult: query.includeAdult ?? false,
        include_video: query.includeVideo ?? false,
      }),
    });
  }

  search(query: SearchQuery): Promise<Cached<MovieSummaryPage>> {
    return this.page({
      path: '/search/movie',
      query: compact({
        query: query.query,
        page: query.page,
        language: query.language,
        primary_release_year: query.year,
        include_adult: false,
      }),
    });
  }

  async imageUrl(path: string | null, kind: 'poster' | 'backdrop'): Promise<string | null> {
    return path ? (await this.imageUrls()).url(path, kind) : null;
  }

  private page(request: TmdbRequest): Promise<Cached<MovieSummaryPage>> {
    return this.cached(request, async () => {
      const [payload, images] = await Promise.all([this.client.get<TmdbPagePayload>(request), this.imageUrls()]);
      return mapPage(payload, images);
    });
  }

  private cached<T>(request: TmdbRequest, load: () => Promise<T>, freshMs?: number): Promise<Cached<T>> {
    if (!this.options.configured) {
      return Promise.reject(new NotConfiguredError('TmdbNotConfigured', 'TMDB is not configured (TMDB_API_TOKEN is unset).'));
    }
    return this.cache.fetch(`${SHAPE_VERSION}:${cacheKey(request)}`, load, freshMs);
  }

  /** /configuration, read once and kept for days; an outage there falls back to TMDB's well-known image host. */
  private async imageUrls(): Promise<ImageUrls> {
    const now = Date.now();
    if (this.images && this.images.until > now) return this.images.urls;
    const request: TmdbRequest = { path: '/configuration', query: {} };
    try {
      const { value } = await this.cached(request, () => this.client.get<TmdbConfigurationPayload>(request), CONFIGURATION_TTL_MS);
      this.images = { urls: new ImageUrls(value), until: now + CONFIGURATION_TTL_MS };
    } catch {
      this.images = { urls: new ImageUrls(FALLBACK_IMAGE_CONFIGURATION), until: now + CONFIGURATION_RETRY_MS };
    }
    return this.images.urls;
  }
}

function detailsRequest(tmdbId: number, language: string): TmdbRequest {
  return {
    path: `/movie/${tmdbId}`,
    query: {
      language,
      append_to_response: 'videos,credits,watch/providers',
      // Trailers in the asked language, else English, else language-less ones.
      include_video_language: [...new Set([language.split('-')[0], 'en', 'null'])].join(','),
    },
  };
}

/**
 * The cache key of an upstream request: its path and its query sorted by name, form-encoded as URLSearchParams
 * would write it. Built by hand because it runs on every cached list request, where URLSearchParams cost more
 * than the cache lookup itself; values made only of characters the encoding leaves alone (page numbers,
 * language codes) are copied as they are.
 */
export function cacheKey(request: TmdbRequest): string {
  const names = Object.keys(request.query).sort();
  if (names.length === 0) return request.path;
  let key = `${request.path}?`;
  for (let i = 0; i < names.length; i++) {
    key += `${i > 0 ? '&' : ''}${formEncode(names[i])}=${formEncode(request.query[names[i]])}`;
  }
  return key;
}

/** Characters application/x-www-form-urlencoded keeps as they are. */
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/;
/** In a `u` pattern a paired surrogate is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /\p{Surrogate}/gu;
/** Characters encodeURIComponent keeps but the form encoding escapes. */
const URI_ONLY_SAFE = /[!'()~]/g;

/** A component as URLSearchParams serialises it: UTF-8 percent-encoding, a space as `+`. */
export function formEncode(value: string): string {
  if (FORM_SAFE.test(value)) return value;
  // A lone surrogate becomes U+FFFD, as URLSearchParams writes it (encodeURIComponent would throw).
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(/%20/g, '+')
    .replace(URI_ONLY_SAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The defined values, as strings. */
function compact(query: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const name in query) {
    const value = query[name];
    if (value !== undefined) defined[name] = String(value);
  }
  return defined;
}

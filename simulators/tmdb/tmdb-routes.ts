import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEBSITE_PATH_PREFIX } from './tmdb-approval-page';
import { TmdbCatalog } from './tmdb-catalog';
import { CatalogMovie, CatalogSummary } from './tmdb-catalog-movie';
import { TMDB_CONFIGURATION } from './tmdb-configuration';
import { statusBody, TMDB_STATUS, TmdbStatus } from './tmdb-errors';
import { discoverMovies, popularMovies, QueryValues, searchMovies } from './tmdb-movie-lists';
import { pageError, pageOf, PageErrorStyle, parsePage } from './tmdb-paging';
import { MOVIE_GENRES } from './tmdb-reference-data';
import { renderCredits, renderDetails, renderListItem, renderVideos, renderWatchProviders } from './tmdb-render';

export interface TmdbRouteOptions {
  catalog: TmdbCatalog;
  token: string;
  pageErrorStyle: PageErrorStyle;
}

const MAX_APPENDED_RESPONSES = 20;

function queryValues(request: FastifyRequest): QueryValues {
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    values[key] = typeof first === 'string' ? first : undefined;
  }
  return values;
}

const fail = (reply: FastifyReply, status: TmdbStatus) => reply.code(status.http).send(statusBody(status));

/** `language=pt-BR` keeps `pt` videos; `include_video_language=pt,en,null` widens that (null: no language). */
function videoLanguages(query: QueryValues): Array<string | null> {
  if (query.include_video_language) {
    return query.include_video_language.split(',').map((code) => (code.trim() === 'null' ? null : code.trim().split('-')[0]));
  }
  return [(query.language ?? 'en-US').split('-')[0]];
}

/** Only a positive integer names a movie; "abc", "0" or "-1" are as unknown as an id never issued. */
function movieFromPath(catalog: TmdbCatalog, raw: string): CatalogMovie | undefined {
  return /^[1-9]\d*$/.test(raw) ? catalog.movie(Number(raw)) : undefined;
}

export function registerTmdbRoutes(app: FastifyInstance, { catalog, token, pageErrorStyle }: TmdbRouteOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    // The approval page is TMDb's website, which a browser opens without the application's token.
    if (request.url.startsWith(WEBSITE_PATH_PREFIX)) return;
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented !== token) return fail(reply, TMDB_STATUS.invalidApiKey);
  });

  app.setNotFoundHandler((_request, reply) => fail(reply, TMDB_STATUS.notFound));

  const movieList = (list: (query: QueryValues) => readonly CatalogSummary[]) => async (request: FastifyRequest, reply: FastifyReply) => {
    const query = queryValues(request);
    const parsed = parsePage(query.page);
    if (!parsed.ok) {
      const { http, body } = pageError(parsed.problem, pageErrorStyle);
      return reply.code(http).send(body);
    }
    return pageOf(list(query), parsed.page, (summary) => renderListItem(catalog.full(summary)));
  };

  app.get('/3/configuration', async () => TMDB_CONFIGURATION);
  app.get('/3/genre/movie/list', async () => ({ genres: MOVIE_GENRES }));
  app.get(
    '/3/movie/popular',
    movieList(() => popularMovies(catalog)),
  );
  app.get(
    '/3/discover/movie',
    movieList((query) => discoverMovies(catalog, query)),
  );
  app.get(
    '/3/search/movie',
    movieList((query) => searchMovies(catalog, query)),
  );

  app.get<{ Params: { movieId: string } }>('/3/movie/:movieId', async (request, reply) => {
    const movie = movieFromPath(catalog, request.params.movieId);
    if (!movie) return fail(reply, TMDB_STATUS.notFound);
    const query = queryValues(request);
    const appended = [
      ...new Set(
        (query.append_to_response ?? '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      ),
    ];
    if (appended.length > MAX_APPENDED_RESPONSES) return fail(reply, TMDB_STATUS.tooManyAppends);
    // Names TMDB does not know are skipped silently, like the real append_to_response.
    return {
      ...renderDetails(movie),
      ...(appended.includes('videos') && { videos: renderVideos(movie, videoLanguages(query)) }),
      ...(appended.includes('credits') && { credits: renderCredits(movie) }),
      ...(appended.includes('watch/providers') && { 'watch/providers': renderWatchProviders(movie) }),
    };
  });

  const movieResource = (path: string, answer: (movie: CatalogMovie, query: QueryValues) => object) =>
    app.get<{ Params: { movieId: string } }>(path, async (request, reply) => {
      const movie = movieFromPath(catalog, request.params.movieId);
      if (!movie) return fail(reply, TMDB_STATUS.notFound);
      return { id: movie.id, ...answer(movie, queryValues(request)) };
    });

  movieResource('/3/movie/:movieId/videos', (movie, query) => renderVideos(movie, videoLanguages(query)));
  movieResource('/3/movie/:movieId/credits', (movie) => renderCredits(movie));
  movieResource('/3/movie/:movieId/watch/providers', (movie) => renderWatchProviders(movie));
}

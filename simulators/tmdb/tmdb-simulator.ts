import { RunningSimulator, startSimulator } from '../simulator-kit';
import { TmdbMovieDetails } from './tmdb-api-types';
import { catalogOfSize, DEFAULT_CATALOG_SIZE } from './tmdb-catalog';
import { statusBody, statusForHttp } from './tmdb-errors';
import { PageErrorStyle } from './tmdb-paging';
import { renderDetails } from './tmdb-render';
import { registerTmdbRoutes } from './tmdb-routes';

export interface TmdbSimulatorOptions {
  port?: number;
  /** The v4 read access token clients must send as `Authorization: Bearer <token>`. */
  token?: string;
  /** Drives the kit's random faults (`failRate`); the catalog never depends on it. */
  random?: () => number;
  /** Movies in the catalog, hand-written ones included. Default 12,000 (popular then has 588 pages). */
  catalogSize?: number;
  /** Default 'status-code-22', what TMDB answers today; see PageErrorStyle. */
  pageErrorStyle?: PageErrorStyle;
}

export interface TmdbSimulator extends RunningSimulator {
  /** `url` + '/3': what TMDB_BASE_URL is set to. */
  readonly apiRoot: string;
  readonly token: string;
  /** Every movie id in the catalog, hand-written first, then synthetic in increasing order. */
  movieIds(): number[];
  /** Ids of the hand-written, real movies (Fight Club is 550, The Matrix 603, ...). */
  sampleMovieIds(): number[];
  /** What GET /3/movie/{id} answers, without appended responses; undefined for an unknown id. */
  movieDetails(id: number): TmdbMovieDetails | undefined;
}

export const DEFAULT_TMDB_TOKEN = 'tmdb-simulator-token';

export async function startTmdbSimulator(options: TmdbSimulatorOptions = {}): Promise<TmdbSimulator> {
  const token = options.token ?? DEFAULT_TMDB_TOKEN;
  const catalog = catalogOfSize(options.catalogSize ?? DEFAULT_CATALOG_SIZE);
  const running = await startSimulator({
    port: options.port,
    random: options.random,
    writeError: (reply, status) => reply.code(status).send(statusBody(statusForHttp(status))),
    register: (app) =>
      registerTmdbRoutes(app, { catalog, token, pageErrorStyle: options.pageErrorStyle ?? 'status-code-22' }),
  });
  return {
    ...running,
    apiRoot: `${running.url}/3`,
    token,
    movieIds: () => catalog.ids(),
    sampleMovieIds: () => [...catalog.sampleIds],
    movieDetails: (id) => {
      const movie = catalog.movie(id);
      return movie && renderDetails(movie);
    },
  };
}

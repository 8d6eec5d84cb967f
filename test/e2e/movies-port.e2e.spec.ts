import { NotFoundError, UpstreamError } from '../../src/common/errors/domain-error';
import { TmdbPort } from '../../src/movies/tmdb.port';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

describe('TmdbPort as other features use it (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let port: TmdbPort;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 200 });
    api = await startTestApp({ ...tmdbSettings(tmdb), UPSTREAM_RETRIES: '1', UPSTREAM_TIMEOUT_MS: '500', CACHE_STALE_TTL_SECONDS: '300' });
    port = api.app.get(TmdbPort);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

  it('gives a movie details from TMDB, then from the cache', async () => {
    const details = await port.getMovieDetails(550);
    expect(details).toMatchObject({ tmdbId: 550, title: 'Fight Club', releaseDate: '1999-10-15', overview: expect.any(String) });
    const before = tmdb.countMatching(/^GET \/3\/movie\/550$/);
    await expect(port.fetchMovieDetails(550)).resolves.toMatchObject({ cache: 'HIT', value: { tmdbId: 550 } });
    expect(tmdb.countMatching(/^GET \/3\/movie\/550$/)).toBe(before);
  });

  it("throws NotFoundError('MovieNotFound') for TMDB's 404", async () => {
    const error = await port.getMovieDetails(999_999_999).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('MovieNotFound');
  });

  it('throws UpstreamError when TMDB fails and nothing is cached', async () => {
    tmdb.faults({ failNext: 10, status: 500, match: /movie\/603$/ });
    const error = await port.getMovieDetails(603).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe('upstream_failed');
  });
});

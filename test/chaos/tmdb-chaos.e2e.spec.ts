import { seededRandom } from '../../simulators/simulator-kit';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

const PAGES = 8;

describe('chaos: TMDB failing at random half the time', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ random: seededRandom(42) });
    api = await startTestApp({
      ...tmdbSettings(tmdb),
      CACHE_TTL_SECONDS: '1',
      UPSTREAM_RETRIES: '1',
      UPSTREAM_TIMEOUT_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });

  it('answers every page a client has seen before, never with a 5xx', async () => {
    const seen = new Map<number, number[]>();
    for (let page = 1; page <= PAGES; page++) {
      const response = await api.request('GET', `/api/v1/movies/popular?page=${page}`, { token: USER_TOKEN });
      expect(response.status).toBe(200);
      seen.set(
        page,
        response.body.items.map((item: { tmdbId: number }) => item.tmdbId),
      );
    }

    tmdb.faults({ failRate: 0.5, status: 503 });
    const cacheStates = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      // Let the fresh copies expire, so every request goes to the failing upstream first.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const answers = await Promise.all(
        [...seen.keys()].map((page) => api.request('GET', `/api/v1/movies/popular?page=${page}`, { token: USER_TOKEN })),
      );
      answers.forEach((response, index) => {
        const page = index + 1;
        expect({ page, status: response.status }).toEqual({ page, status: 200 });
        expect(response.body.items.map((item: { tmdbId: number }) => item.tmdbId)).toEqual(seen.get(page));
        const state = response.headers.get('x-cache') ?? 'none';
        cacheStates.set(state, (cacheStates.get(state) ?? 0) + 1);
      });
    }
    // Half the upstream calls failed, so some answers must have come from the stale copies.
    expect(cacheStates.get('STALE') ?? 0).toBeGreaterThan(0);
    console.log(`tmdb chaos: X-Cache over ${3 * PAGES} answers: ${JSON.stringify(Object.fromEntries(cacheStates))}`);
  });
});

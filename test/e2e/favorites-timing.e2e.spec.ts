import { DataSource } from 'typeorm';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

const FAVORITES = 100;
const LATENCY_MS = 50;
const DETAILS = /^GET \/3\/movie\/\d+$/;

/**
 * How long a full page of 100 favorites takes with TMDB answering in 50 ms. The figures are printed, not
 * asserted: the simulator shares this process's CPU, so they vary with the machine and the other test files.
 */
describe('favorites list timing (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 1000 });
    api = await startTestApp({
      ...tmdbSettings(tmdb),
      RATE_LIMIT_PER_MINUTE: '100000',
      CACHE_STALE_TTL_SECONDS: '300',
    });
    const ids = tmdb.movieIds().slice(0, FAVORITES);
    await api.app
      .get(DataSource)
      .query(`INSERT INTO favorites (user_id, tmdb_id, title) SELECT 2, id, 'Movie ' || id FROM unnest($1::int[]) AS ids (id)`, [ids]);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });

  async function timedList(): Promise<{ ms: number; body: { items: Array<{ detailsPartial: boolean }> } }> {
    const started = performance.now();
    const response = await api.request('GET', '/api/v1/me/favorites?pageSize=100', { token: USER_TOKEN });
    expect(response.status).toBe(200);
    return { ms: Math.round(performance.now() - started), body: response.body };
  }

  it('fetches 100 uncached details a few at a time, then answers from the cache', async () => {
    tmdb.faults({ latencyMs: LATENCY_MS });
    const before = tmdb.countMatching(DETAILS);
    const cold = await timedList();
    expect(tmdb.countMatching(DETAILS)).toBe(before + FAVORITES);
    expect(cold.body.items).toHaveLength(FAVORITES);
    expect(cold.body.items.every((item) => !item.detailsPartial)).toBe(true);

    const warm = await timedList();
    const warmRuns: number[] = [];
    for (let run = 0; run < 20; run += 1) warmRuns.push((await timedList()).ms);
    expect(tmdb.countMatching(DETAILS)).toBe(before + FAVORITES);
    const [{ bytes }] = await api.app.get(DataSource).query('SELECT round(avg(pg_column_size(details))) AS bytes FROM movie_snapshots');

    console.log(
      `favorites list, ${FAVORITES} items, TMDB latency ${LATENCY_MS} ms: cold ${cold.ms} ms, warm ${warm.ms} ms ` +
        `(one at a time would be at least ${FAVORITES * LATENCY_MS} ms); warm p50 of 20 ${warmRuns.sort((a, b) => a - b)[10]} ms; ` +
        `a snapshot takes ${bytes} bytes in PostgreSQL`,
    );
  });
});

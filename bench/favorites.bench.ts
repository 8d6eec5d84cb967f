import { findFreePort } from '../dev/embedded-database';
import type { TmdbSimulator } from '../simulators/tmdb/tmdb-simulator';
import type { Section } from './support/report';
import { startRateLimitedProxy } from './support/rate-limited-proxy';
import { startService } from './support/service-process';
import { ms, percentile, timeSequential } from './support/stats';

const FAVORITES = 100;
const LATENCY_MS = 50;
const TMDB_LIMIT = 40;
const WARM_SAMPLES = 50;
const USER = { authorization: 'Bearer 1234567890' };

/**
 * Benchmark 2 (P2): GET /me/favorites?pageSize=100 with 100 favorites. TMDB (the simulator) answers in 50 ms
 * behind a proxy enforcing 40 requests/s, which counts the 429s it gives. The favorites are added through the
 * API by one instance (so whatever the service keeps when a movie is added is kept); then a fresh instance with
 * an empty Redis (a new key prefix) lists them: the first list, the TMDB calls and 429s it drew; then warm.
 */
export async function benchFavorites(baseEnv: Record<string, string | undefined>, tmdb: TmdbSimulator): Promise<Section> {
  const proxy = await startRateLimitedProxy(tmdb.url, TMDB_LIMIT);
  const ids = tmdb.movieIds().slice(0, FAVORITES);
  const env = (prefix: string) => ({ ...baseEnv, TMDB_BASE_URL: proxy.apiRoot, REDIS_KEY_PREFIX: `${prefix}:` });
  tmdb.faults({ latencyMs: LATENCY_MS });
  try {
    const setup = await startService(env(`bench:${process.pid}:favorites-setup`), await findFreePort());
    let addMs: number;
    try {
      await fetch(`${setup.url}/api/v1/users/2/favorites`, { method: 'DELETE', headers: { authorization: 'Bearer abcdef1234567890' } });
      const started = performance.now();
      for (const id of ids) {
        const response = await fetch(`${setup.url}/api/v1/me/favorites/${id}`, { method: 'PUT', headers: USER });
        await response.text();
        if (response.status !== 201 && response.status !== 200) throw new Error(`adding favorite ${id} answered ${response.status}`);
      }
      addMs = performance.now() - started;
    } finally {
      await setup.stop();
    }
    const setupCalls = proxy.counts();

    proxy.reset();
    const fresh = await startService(env(`bench:${process.pid}:favorites-fresh`), await findFreePort());
    try {
      const list = async () => {
        const response = await fetch(`${fresh.url}/api/v1/me/favorites?pageSize=100`, { headers: USER });
        const body = (await response.json()) as { items: unknown[] };
        if (response.status !== 200 || body.items.length !== FAVORITES)
          throw new Error(`favorites answered ${response.status} with ${body.items?.length} items`);
      };
      const [first] = await timeSequential(1, list);
      const firstCalls = proxy.counts();
      const warm = await timeSequential(WARM_SAMPLES, list);
      return {
        title: '2. Favorites list of 100 movies (GET /api/v1/me/favorites?pageSize=100)',
        lines: [
          `TMDB simulator answering in ${LATENCY_MS} ms per call behind a proxy allowing ${TMDB_LIMIT} requests in any second (429 past it). Service at TMDB_REQUESTS_PER_SECOND=40 (default).`,
          `Setup: ${FAVORITES} favorites added through \`PUT /me/favorites/{id}\` on one instance in ${(addMs / 1000).toFixed(1)} s (${setupCalls.received} TMDB calls, ${setupCalls.refused} answered 429). Then a fresh instance (new process, empty Redis key space).`,
          '',
          '| case | p50 | p99 | TMDB calls | TMDB 429s | target |',
          '|---|---|---|---|---|---|',
          `| first list on the fresh instance | ${ms(first)} | | ${firstCalls.received} | **${firstCalls.refused}** | < 250 ms, zero 429s |`,
          `| warm (${WARM_SAMPLES} sequential lists) | **${ms(percentile(warm, 50))}** | ${ms(percentile(warm, 99))} | ${proxy.counts().received - firstCalls.received} | ${proxy.counts().refused - firstCalls.refused} | p50 < 10 ms |`,
        ],
      };
    } finally {
      await fresh.stop();
    }
  } finally {
    tmdb.clearFaults();
    await proxy.close();
  }
}

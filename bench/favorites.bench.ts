import { Client } from 'pg';
import type { TmdbSimulator } from '../simulators/tmdb/tmdb-simulator';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';
import { ms, percentile, timeSequential } from './support/stats';

const FAVORITES = 100;
const LATENCY_MS = 50;
const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 10);
const WARM_SAMPLES = 50;

/**
 * Benchmark 2: GET /me/favorites with 100 favorites, warm (every detail cached)
 * and cold (every detail's fresh copy expired, TMDB answering in 50 ms). The
 * service runs with CACHE_TTL_SECONDS=ttlSeconds so a pause makes it cold again.
 */
export async function benchFavorites(service: ServiceProcess, tmdb: TmdbSimulator, databaseUrl: string, ttlSeconds: number): Promise<Section> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = tmdb.movieIds().slice(0, FAVORITES);
    await db.query('DELETE FROM favorites WHERE user_id = 2');
    await db.query(`INSERT INTO favorites (user_id, tmdb_id, title) SELECT 2, id, 'Movie ' || id FROM unnest($1::int[]) AS ids (id)`, [ids]);
  } finally {
    await db.end();
  }
  const list = async () => {
    const response = await fetch(`${service.url}/api/v1/me/favorites?pageSize=100`, { headers: { authorization: 'Bearer 1234567890' } });
    const body = (await response.json()) as { items: Array<{ detailsPartial?: boolean }> };
    if (response.status !== 200 || body.items.length !== FAVORITES) throw new Error(`favorites answered ${response.status}`);
  };

  tmdb.faults({ latencyMs: LATENCY_MS });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < COLD_SAMPLES; i++) {
      await new Promise((resolve) => setTimeout(resolve, ttlSeconds * 1000 + 100));
      cold.push(...(await timeSequential(1, list)));
      if (i === 0) warm.push(...(await timeSequential(WARM_SAMPLES, list)));
    }
  } finally {
    tmdb.clearFaults();
  }
  return {
    title: '2. Favorites list of 100 movies (GET /api/v1/me/favorites?pageSize=100)',
    lines: [
      `TMDB simulator latency ${LATENCY_MS} ms per call; cold = every fresh copy expired (${COLD_SAMPLES} samples), warm = all details cached (${WARM_SAMPLES} samples).`,
      '',
      '| case | p50 | p99 | target |',
      '|---|---|---|---|',
      `| warm | ${ms(percentile(warm, 50))} | ${ms(percentile(warm, 99))} | p50 < 15 ms |`,
      `| cold | ${ms(percentile(cold, 50))} | ${ms(percentile(cold, 99))} | < ${5 * LATENCY_MS} ms (5 × one upstream call) |`,
    ],
  };
}

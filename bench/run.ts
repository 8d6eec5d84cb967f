import 'reflect-metadata';
import { Client } from 'pg';
import { findFreePort, startEmbeddedDatabase } from '../dev/embedded-database';
import { startAirtableSimulator } from '../simulators/airtable/airtable-simulator';
import { startTmdbSimulator } from '../simulators/tmdb/tmdb-simulator';
import { benchFavorites } from './favorites.bench';
import { benchConventions } from './conventions.bench';
import { benchHotPath } from './hot-path.bench';
import { benchOrdersImport } from './orders-import.bench';
import { benchOrderQueries } from './orders-query.bench';
import { BenchReport } from './support/report';
import { ServiceProcess, startService } from './support/service-process';
import { airtableSettings, tmdbSettings } from '../simulators/simulator-settings';

const FAVORITES_TTL_SECONDS = 3;

/**
 * `npm run bench`: every benchmark of the project, printed as measured and
 * written to BENCHMARKS.md. Uses DATABASE_URL / REDIS_URL when set (a fresh
 * `cinemateca_bench` database on that server), else an embedded PostgreSQL
 * and the in-process cache. Figures, not pass/fail. BENCH_ONLY=1,2 picks some.
 */
async function main(): Promise<void> {
  const only = new Set((process.env.BENCH_ONLY ?? '1,2,3,4,6').split(','));
  const report = new BenchReport();
  const database = await benchDatabase();
  const tmdb = await startTmdbSimulator();
  const airtable = await startAirtableSimulator({ records: 0, requestsPerSecond: 5 });
  const baseEnv = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: `bench:${process.pid}:`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...tmdbSettings(tmdb),
    ...airtableSettings(airtable),
    SYNC_ON_STARTUP: 'false',
    SYNC_INTERVAL_MINUTES: '0',
    NOTION_RECONCILE_MINUTES: '0',
  };
  const withService = async (env: Record<string, string | undefined>, run: (service: ServiceProcess) => Promise<void>) => {
    const service = await startService({ ...baseEnv, ...env }, await findFreePort());
    try {
      await run(service);
    } finally {
      await service.stop();
    }
  };
  try {
    if (only.has('1')) {
      await withService({}, async (service) => {
        for (const section of await benchHotPath(service, await findFreePort())) report.add(section);
      });
    }
    if (only.has('6')) {
      await withService({}, async (service) => report.add(await benchConventions(service)));
    }
    if (only.has('2')) {
      await withService({ CACHE_TTL_SECONDS: String(FAVORITES_TTL_SECONDS), REDIS_KEY_PREFIX: `bench:${process.pid}:favorites:` }, async (service) => {
        report.add(await benchFavorites(service, tmdb, database.url, FAVORITES_TTL_SECONDS));
      });
    }
    if (only.has('3')) {
      await withService({}, async (service) => report.add(await benchOrdersImport(service, airtable, database.url)));
    }
    if (only.has('4')) {
      await withService({}, async (service) => report.add(await benchOrderQueries(service, database.url)));
    }
  } finally {
    await Promise.all([tmdb.close(), airtable.close()]);
    await database.stop();
  }
  report.write([
    `Database: ${process.env.DATABASE_URL ? 'the PostgreSQL of DATABASE_URL' : 'embedded PostgreSQL'}; cache: ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'in process'}.`,
    'The service runs as `node dist/src/main.js` in its own process with request logging on (JSON lines to stdout, discarded); the simulators run in the benchmark process.',
  ]);
}

async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) {
    return startEmbeddedDatabase({ dataDir: `.data/bench-postgres-${process.pid}`, databaseName: 'cinemateca_bench', persistent: false });
  }
  const server = new URL(process.env.DATABASE_URL);
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS cinemateca_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE cinemateca_bench');
  await admin.end();
  server.pathname = '/cinemateca_bench';
  return { url: server.toString(), stop: async () => undefined };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

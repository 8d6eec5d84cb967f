import 'reflect-metadata';
import { Client } from 'pg';
import { findFreePort, startEmbeddedDatabase } from '../dev/embedded-database';
import { startAirtableSimulator } from '../simulators/airtable/airtable-simulator';
import { startTmdbSimulator } from '../simulators/tmdb/tmdb-simulator';
import { benchConventions } from './conventions.bench';
import { benchFavorites } from './favorites.bench';
import { benchHotPath, benchProfile, warmHotPath } from './hot-path.bench';
import { benchLadder } from './ladder.bench';
import { benchOrdersImport } from './orders-import.bench';
import { benchOrderQueries } from './orders-query.bench';
import { BenchReport } from './support/report';
import { ServiceProcess, startService } from './support/service-process';
import { airtableSettings, tmdbSettings } from '../simulators/simulator-settings';

/** Every benchmark by name, in the order a full run takes them. */
const BENCHMARKS = ['hot-path', 'ladder', 'profile', 'conventions', 'favorites', 'orders-import', 'orders-query'] as const;
type BenchName = (typeof BENCHMARKS)[number];
/** The older BENCH_ONLY=1,2 numbering. */
const BY_NUMBER: Record<string, BenchName[]> = {
  '1': ['hot-path', 'ladder', 'profile'],
  '2': ['favorites'],
  '3': ['orders-import'],
  '4': ['orders-query'],
  '5': ['hot-path'],
  '6': ['conventions'],
};
/** P4: the import of a million orders from a source that does not limit us. */
const BULK_REQUESTS_PER_SECOND = 1000;

function chosen(): Set<BenchName> {
  const names = process.argv.slice(2);
  const picked = names.length > 0 ? names : (process.env.BENCH_ONLY?.split(',').flatMap((n) => BY_NUMBER[n] ?? []) ?? [...BENCHMARKS]);
  for (const name of picked)
    if (!BENCHMARKS.includes(name as BenchName)) throw new Error(`unknown benchmark ${name}; known: ${BENCHMARKS.join(', ')}`);
  return new Set(picked as BenchName[]);
}

/**
 * `npm run bench`: every benchmark of the project, printed as measured and
 * written to BENCHMARKS.md; `npm run bench -- hot-path ladder` runs some
 * (sections not run keep their last figures). Uses DATABASE_URL / REDIS_URL
 * when set (a fresh `cinemateca_bench` database on that server), else an
 * embedded PostgreSQL and the in-process cache. Figures, not pass/fail.
 */
async function main(): Promise<void> {
  const only = chosen();
  const report = new BenchReport();
  const database = await benchDatabase();
  const tmdb = await startTmdbSimulator();
  const airtable = await startAirtableSimulator({ records: 0, requestsPerSecond: 5 });
  const bulkAirtable = await startAirtableSimulator({ records: 0, requestsPerSecond: 0 });
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
    if (only.has('hot-path') || only.has('ladder')) {
      await withService({}, async (service) => {
        if (only.has('hot-path')) for (const section of await benchHotPath(service)) report.add(section);
        if (only.has('ladder')) report.add(await benchLadder(await warmHotPath(service), { ...baseEnv, LOG_LEVEL: 'info' }));
      });
    }
    if (only.has('profile')) report.add(await benchProfile({ ...baseEnv, REDIS_KEY_PREFIX: `bench:${process.pid}:profile:` }));
    if (only.has('conventions')) await withService({}, async (service) => report.add(await benchConventions(service)));
    if (only.has('favorites')) report.add(await benchFavorites(baseEnv, tmdb));
    if (only.has('orders-import')) {
      await withService({ AIRTABLE_REQUESTS_PER_SECOND: '5' }, async (service) =>
        report.add(await benchOrdersImport(service, airtable, database.url)),
      );
    }
    if (only.has('orders-query')) {
      const bulkEnv = { ...airtableSettings(bulkAirtable), AIRTABLE_REQUESTS_PER_SECOND: String(BULK_REQUESTS_PER_SECOND) };
      await withService(bulkEnv, async (service) =>
        report.add(await benchOrderQueries(service, bulkAirtable, database.url, BULK_REQUESTS_PER_SECOND)),
      );
    }
  } finally {
    await Promise.all([tmdb.close(), airtable.close(), bulkAirtable.close()]);
    await database.stop();
    // Whatever was measured is kept, even when a later benchmark failed.
    report.write([
      `Database: ${process.env.DATABASE_URL ? 'the PostgreSQL of DATABASE_URL' : 'embedded PostgreSQL'}; cache: ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'in process'}.`,
      'The service runs as `node dist/src/main.js` in its own process with request logging on (JSON lines to stdout, discarded); the simulators and the load generator (autocannon) run in the benchmark process, on the same two cores.',
    ]);
  }
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

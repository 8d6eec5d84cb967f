import 'reflect-metadata';
import { Client } from 'pg';
import { findFreePort, startEmbeddedDatabase } from '../src/infra/database/embedded-database';
import { startTmdbSimulator } from '../src/simulators/tmdb/tmdb-simulator';
import { benchHotPath } from './hot-path.bench';
import { BenchReport } from './support/report';
import { startService } from './support/service-process';

/**
 * `npm run bench`: every benchmark of the project, printed as measured and
 * written to BENCHMARKS.md. Uses DATABASE_URL / REDIS_URL when set (a fresh
 * `cinemateca_bench` database on that server), else an embedded PostgreSQL
 * and the in-process cache. Figures, not pass/fail.
 */
async function main(): Promise<void> {
  const report = new BenchReport();
  const database = await benchDatabase();
  const tmdb = await startTmdbSimulator();
  const baseEnv = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: `bench:${process.pid}:`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    TMDB_API_TOKEN: tmdb.token,
    TMDB_BASE_URL: tmdb.apiRoot,
    SYNC_ON_STARTUP: 'false',
    SYNC_INTERVAL_MINUTES: '0',
    NOTION_RECONCILE_MINUTES: '0',
  };
  try {
    const service = await startService(baseEnv, await findFreePort());
    try {
      for (const section of await benchHotPath(service, await findFreePort())) report.add(section);
    } finally {
      await service.stop();
    }
  } finally {
    await tmdb.close();
    await database.stop();
  }
  report.write([
    `Database: ${process.env.DATABASE_URL ? 'the PostgreSQL of DATABASE_URL' : 'embedded PostgreSQL'}; cache: ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'in process'}.`,
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

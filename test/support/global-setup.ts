import { startEmbeddedDatabase } from '../../dev/embedded-database';

/**
 * One database server for the whole run: the one DATABASE_URL names (CI uses
 * the machine's PostgreSQL), or an embedded PostgreSQL when it is unset. Each
 * test file then creates its own throw-away database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  // A cluster of its own per run, deleted at the end, so concurrent runs never share a data directory.
  const database = await startEmbeddedDatabase({
    dataDir: `.data/test-postgres-${process.pid}`,
    databaseName: 'cinemateca_test',
    persistent: false,
  });
  process.env.TEST_DATABASE_SERVER_URL = database.url;
  (globalThis as { __embeddedDatabase?: typeof database }).__embeddedDatabase = database;
}

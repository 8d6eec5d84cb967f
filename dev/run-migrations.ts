import { runMigrationsCommand } from '../src/tools/run-migrations.command';
import { startEmbeddedDatabase } from './embedded-database';

/** `npm run migration:run` in development: without DATABASE_URL it migrates the embedded database. */
runMigrationsCommand(async (env) => {
  if (env.DATABASE_URL) return { overrides: {}, notes: [], stop: async () => undefined };
  const database = await startEmbeddedDatabase();
  return { overrides: { DATABASE_URL: database.url }, notes: [], stop: () => database.stop() };
});

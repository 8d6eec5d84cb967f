import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';
import { DatabaseSettings } from '../../config/settings';

/** Connection options shared by the application and the migration command. */
export function postgresOptions(settings: DatabaseSettings): DataSourceOptions & { type: 'postgres' } {
  if (!settings.url) throw new Error('DATABASE_URL is not set and no embedded database was started');
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrations: ALL_MIGRATIONS,
    migrationsRun: settings.runMigrationsOnStartup,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    extra: {
      // Per replica: replicas x DATABASE_POOL_SIZE must stay under the server's max_connections (README).
      max: settings.poolSize,
      connectionTimeoutMillis: 5000,
      // A statement that runs away must not hold a pooled connection forever.
      statement_timeout: 30_000,
      application_name: 'cinemateca',
    },
  };
}

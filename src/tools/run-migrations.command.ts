import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadSettings } from '../config/settings';
import { startEmbeddedDatabase } from '../infra/database/embedded-database';
import { postgresOptions } from '../infra/database/postgres-options';

/**
 * `npm run migration:run`: applies pending migrations and exits. In Kubernetes
 * this is the pre-install/pre-upgrade hook, so pods never race to migrate.
 * Without DATABASE_URL (development) it migrates the embedded database.
 */
async function runMigrations(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase();
  try {
    const settings = loadSettings({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? embedded?.url });
    const dataSource = new DataSource({ ...postgresOptions(settings.database), migrationsRun: false });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

runMigrations().catch((error: unknown) => {
  process.stderr.write(`migration:run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

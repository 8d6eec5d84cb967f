import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadSettings } from '../config/settings';
import { nothingAround, StartSurroundings } from '../config/surroundings';
import { postgresOptions } from '../infra/database/postgres-options';

/**
 * Applies pending migrations and exits: `node dist/src/tools/run-migrations.cli.js`
 * (in Kubernetes the pre-install/pre-upgrade hook, so pods never race to migrate)
 * and `npm run migration:run` (development, where an unset DATABASE_URL means the embedded database).
 */
async function runMigrations(startSurroundings: StartSurroundings): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const around = await startSurroundings(process.env, () => undefined);
  try {
    const settings = loadSettings({ ...process.env, ...around.overrides });
    if (!settings.database.url) throw new Error('DATABASE_URL is unset');
    const dataSource = new DataSource({ ...postgresOptions(settings.database), migrationsRun: false });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await around.stop();
  }
}

export function runMigrationsCommand(startSurroundings: StartSurroundings = nothingAround): void {
  runMigrations(startSurroundings).catch((error: unknown) => {
    process.stderr.write(`migration:run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

import { runMigrationsCommand } from './run-migrations.command';

/** `node dist/src/tools/run-migrations.cli.js`: applies pending migrations to DATABASE_URL and exits. */
runMigrationsCommand();

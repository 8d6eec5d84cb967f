import { runSyncOrdersCommand } from '../src/orders/sync-orders.command';
import { startLocalEnvironment } from './local-environment';

/**
 * `npm run sync:orders` in development: only the database and Airtable are needed, so TMDB and
 * Notion are marked present and no simulator starts for them.
 */
runSyncOrdersCommand((env, log) =>
  startLocalEnvironment({ ...env, TMDB_API_TOKEN: env.TMDB_API_TOKEN ?? 'unused', NOTION_TOKEN: env.NOTION_TOKEN ?? 'unused' }, log),
);

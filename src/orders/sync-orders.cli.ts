import { runSyncOrdersCommand } from './sync-orders.command';

/** `node dist/src/orders/sync-orders.cli.js`: one Airtable import with the settings of the environment. */
runSyncOrdersCommand();

import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { SettingsModule } from '../config/config.module';
import { loadSettings, Settings } from '../config/settings';
import { AppCacheModule } from '../infra/cache/app-cache.module';
import { DatabaseModule } from '../infra/database/database.module';
import { createRootLogger } from '../infra/logging/root-logger';
import { NestPinoLogger } from '../infra/logging/nest-pino-logger';
import { MetricsModule } from '../infra/metrics/metrics.module';
import { RedisModule } from '../infra/redis/redis.module';
import { ConflictError } from '../common/errors/domain-error';
import { nothingAround, StartSurroundings } from '../config/surroundings';
import { OrderSyncService } from './order-sync.service';
import { OrdersModule } from './orders.module';

/** Just what an import needs: no HTTP server, no other feature. */
@Module({})
class SyncOrdersCommandModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: SyncOrdersCommandModule,
      imports: [
        SettingsModule.forRoot(settings),
        ScheduleModule.forRoot(),
        RedisModule,
        AppCacheModule,
        DatabaseModule,
        MetricsModule,
        OrdersModule,
      ],
    };
  }
}

/**
 * One Airtable import with trigger `cli`, its figures on stdout: the body of
 * `node dist/src/orders/sync-orders.cli.js` (the image, e.g. a Kubernetes
 * CronJob) and of `npm run sync:orders` (development). Exit 0 when it succeeded
 * or when another import was already running (nothing to do), 1 when it failed or could not start.
 */
async function syncOrders(startSurroundings: StartSurroundings): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  loadSettings(process.env);
  const local = await startSurroundings(process.env, () => undefined);
  const settings = loadSettings({ ...process.env, ...local.overrides, SYNC_ON_STARTUP: 'false', SYNC_INTERVAL_MINUTES: '0' });
  const log = createRootLogger(settings.app.logLevel);
  try {
    const app = await NestFactory.createApplicationContext(SyncOrdersCommandModule.forRoot(settings), { logger: new NestPinoLogger(log) });
    try {
      const { done } = await app.get(OrderSyncService).start('cli');
      const run = await done;
      const ms = (run.finishedAt?.getTime() ?? Date.now()) - run.startedAt.getTime();
      const { fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete } = run;
      const figures = { fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete };
      process.stdout.write(
        `sync:orders run ${run.id} ${run.status} in ${ms} ms (${run.fullPass ? 'full pass' : 'incremental'}): ` +
          `${Object.entries(figures)
            .map(([name, value]) => `${name}=${value}`)
            .join(' ')}${run.error ? ` error: ${run.error}` : ''}\n`,
      );
      return run.status === 'succeeded' ? 0 : 1;
    } catch (error) {
      if (error instanceof ConflictError) {
        process.stdout.write(`sync:orders skipped: ${error.message}\n`);
        return 0;
      }
      throw error;
    } finally {
      await app.close();
    }
  } finally {
    await local.stop();
  }
}

export function runSyncOrdersCommand(startSurroundings: StartSurroundings = nothingAround): void {
  void syncOrders(startSurroundings)
    .catch((error: unknown) => {
      process.stderr.write(`sync:orders: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    })
    .then((code) => {
      process.exitCode = code;
      // Give pino's asynchronous streams a moment to drain, then leave even if a socket lingers.
      setTimeout(() => process.exit(code), 200);
    });
}

import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../config/settings';
import { AirtableAdapter } from './airtable.adapter';
import { AirtableOrderSource } from './airtable-order-source';
import { AirtablePort } from './airtable.port';
import { OrderEntity } from './entities/order.entity';
import { SyncRunEntity } from './entities/sync-run.entity';
import { OrderImporter } from './order-importer';
import { OrderMetrics } from './order-metrics';
import { OrderSource } from './order-source.port';
import { OrderSyncController } from './order-sync.controller';
import { OrderSyncLock } from './order-sync.lock';
import { OrderSyncScheduler } from './order-sync.scheduler';
import { OrderSyncService } from './order-sync.service';
import { OrdersController } from './orders.controller';
import { AirtableClientOptions, OrderListOptions, OrderSyncOptions } from './orders.options';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { SyncRunsRepository } from './sync-runs.repository';

/** Orders imported from Airtable: listing, summary, write-through edits, and the import itself. */
@Module({
  // SchedulerRegistry comes from ScheduleModule.forRoot() in AppModule: importing it again would make a second registry.
  imports: [TypeOrmModule.forFeature([OrderEntity, SyncRunEntity])],
  controllers: [OrdersController, OrderSyncController],
  providers: [
    // Airtable's records, fields and formulas stay behind OrderSource.
    { provide: AirtablePort, useClass: AirtableAdapter },
    { provide: OrderSource, useClass: AirtableOrderSource },
    {
      provide: AirtableClientOptions,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) =>
        Object.assign(new AirtableClientOptions(), { requestsPerSecond: config.get('airtable', { infer: true }).requestsPerSecond }),
    },
    OrderSyncOptions,
    OrderListOptions,
    OrdersRepository,
    SyncRunsRepository,
    OrdersService,
    OrderSyncLock,
    OrderImporter,
    OrderSyncService,
    OrderSyncScheduler,
    OrderMetrics,
  ],
  exports: [OrderSyncService],
})
export class OrdersModule {}

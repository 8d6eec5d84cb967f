import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../infra/metrics/metrics';
import { scrapedGauge } from '../infra/metrics/scraped-gauge';
import { AirtablePort } from './airtable.port';
import { OrdersRepository } from './orders.repository';
import { SyncRunsRepository } from './sync-runs.repository';

const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;

/**
 * What on-call asks about the orders, read from the database at each scrape: the import runs in whichever
 * pod (or the CronJob) holds the lock, so no single process knows these figures.
 */
@Injectable()
export class OrderMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly airtable: AirtablePort,
    private readonly runs: SyncRunsRepository,
    private readonly orders: OrdersRepository,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    scrapedGauge(registry, {
      name: 'orders_import_last_success_timestamp_seconds',
      help: 'Unix time at which the last successful Airtable import finished (0 before the first; NaN without Airtable or when unknown)',
      read: async () => {
        if (!this.airtable.isConfigured()) return [];
        const at = await this.runs.lastSuccessAt();
        return [{ value: at ? at.getTime() / 1000 : 0 }];
      },
    });
    scrapedGauge(registry, {
      name: 'orders_import_runs',
      help: 'Airtable import runs recorded, by status (running, succeeded, failed); grows by one per finished run',
      labelNames: ['status'],
      read: async () => {
        const counted = new Map((await this.runs.countByStatus()).map(({ status, runs }) => [status, runs]));
        return SYNC_RUN_STATUSES.map((status) => ({ labels: { status }, value: counted.get(status) ?? 0 }));
      },
    });
    scrapedGauge(registry, {
      name: 'orders_by_status',
      help: 'Orders by status, as GET /orders/summary counts them (status "" for an order whose status is unknown)',
      labelNames: ['status'],
      read: async () =>
        (await this.orders.summary({})).byStatus.map((bucket) => ({ labels: { status: bucket.status ?? '' }, value: bucket.count })),
    });
    scrapedGauge(registry, {
      name: 'orders_by_priority',
      help: 'Orders by priority, as GET /orders/summary counts them (priority "" when unknown)',
      labelNames: ['priority'],
      read: async () =>
        (await this.orders.summary({})).byPriority.map((bucket) => ({ labels: { priority: bucket.priority ?? '' }, value: bucket.count })),
    });
  }
}

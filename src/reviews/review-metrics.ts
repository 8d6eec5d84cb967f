import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../infra/metrics/metrics';
import { scrapedGauge } from '../infra/metrics/scraped-gauge';
import { PendingSyncsRepository } from './pending-syncs.repository';

/** The Notion repairs still owed (failed compensations waiting for the reconciliation), from the database. */
@Injectable()
export class ReviewMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly pending: PendingSyncsRepository,
  ) {}

  onModuleInit(): void {
    scrapedGauge(this.metrics.registry, {
      name: 'notion_pending_syncs',
      help: 'Reviews whose Notion page still owes a repair (a compensation that failed); the reconciliation finishes them',
      read: async () => [{ value: await this.pending.count() }],
    });
  }
}

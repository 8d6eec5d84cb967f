import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Settings } from '../config/settings';
import { OrderSyncService } from './order-sync.service';

export const ORDER_SYNC_INTERVAL = 'orders-sync';

/**
 * Thin triggers: once at startup (SYNC_ON_STARTUP, in the background so the
 * server does not wait for it) and every SYNC_INTERVAL_MINUTES. A run already
 * going on any replica means this one is skipped.
 */
@Injectable()
export class OrderSyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrderSync');

  constructor(
    private readonly config: ConfigService<Settings, true>,
    private readonly registry: SchedulerRegistry,
    private readonly sync: OrderSyncService,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalMinutes, onStartup } = this.config.get('sync', { infer: true });
    if (!this.sync.isConfigured()) {
      if (intervalMinutes > 0 || onStartup)
        this.logger.warn('Airtable is not configured: orders will not be imported (listing still works).');
      return;
    }
    if (intervalMinutes > 0) {
      this.registry.addInterval(
        ORDER_SYNC_INTERVAL,
        setInterval(() => void this.runScheduled(), intervalMinutes * 60_000),
      );
    }
    if (onStartup) setImmediate(() => void this.sync.startIfIdle('startup'));
  }

  /** What the interval calls; tests call it directly. */
  async runScheduled() {
    return this.sync.startIfIdle('schedule');
  }
}

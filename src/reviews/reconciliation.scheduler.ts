import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConflictError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { ReconciliationService } from './reconciliation.service';

export const RECONCILIATION_INTERVAL = 'notion-reconciliation';

/** Runs the reconciliation every NOTION_RECONCILE_MINUTES (0: never); the work is ReconciliationService's. */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciliation');
  private running?: Promise<void>;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly config: ConfigService<Settings, true>,
    private readonly reconciliation: ReconciliationService,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.get('sync', { infer: true }).notionReconcileMinutes;
    if (minutes <= 0 || !this.reconciliation.enabled) return;
    const interval = setInterval(() => void this.tick(), minutes * 60_000);
    interval.unref();
    this.registry.addInterval(RECONCILIATION_INTERVAL, interval);
    this.logger.log(`Notion reconciliation every ${minutes} min`);
  }

  /** Whether the periodic run is registered. */
  get scheduled(): boolean {
    return this.registry.doesExist('interval', RECONCILIATION_INTERVAL);
  }

  /** One scheduled run; another replica (or an admin) already running one is not an error. */
  tick(): Promise<void> {
    this.running ??= this.reconciliation
      .reconcile()
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof ConflictError) return;
          this.logger.warn({
            msg: 'scheduled Notion reconciliation failed',
            error: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduled) this.registry.deleteInterval(RECONCILIATION_INTERVAL);
    await this.running;
  }
}

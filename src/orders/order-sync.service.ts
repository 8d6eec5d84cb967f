import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import { ConflictError, DomainError, InvalidInputError, NotConfiguredError, NotFoundError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { makePage, Page } from '../common/http/pagination';
import { traced } from '../infra/tracing/spans';
import { AirtablePort } from './airtable.port';
import { ImportPlan, OrderImporter } from './order-importer';
import { HeldSyncLock, OrderSyncLock } from './order-sync.lock';
import { OrderSyncOptions } from './orders.options';
import { emptyFigures, SyncRun, SyncTrigger } from './sync-run.types';
import { SyncHistory, SyncRunsRepository } from './sync-runs.repository';

export interface StartedRun {
  run: SyncRun;
  /** Settles with the run as it ended (succeeded or failed); never rejects. */
  done: Promise<SyncRun>;
}

export interface SyncRequest {
  /** List every record and remove the orders Airtable no longer has. */
  fullPass?: boolean;
  /** Let this full pass delete more than SYNC_MAX_DELETE_RATIO of the orders (an admin's explicit decision). */
  allowMassDelete?: boolean;
}

export interface WaitedRun {
  run: SyncRun;
  finished: boolean;
}

/**
 * Airtable import runs: one at a time across every replica (advisory lock),
 * each recorded in order_sync_runs. Triggers: startup and schedule (through
 * OrderSyncScheduler), the API, and the sync:orders command.
 */
@Injectable()
export class OrderSyncService implements OnModuleDestroy {
  private readonly logger = new Logger('OrderSync');
  private readonly inProgress = new Map<number, { done: Promise<SyncRun>; abort: AbortController }>();
  private stopping = false;

  constructor(
    private readonly airtable: AirtablePort,
    private readonly lock: OrderSyncLock,
    private readonly runs: SyncRunsRepository,
    private readonly importer: OrderImporter,
    private readonly options: OrderSyncOptions,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  isConfigured(): boolean {
    return this.airtable.isConfigured();
  }

  /**
   * Starts a run in the background. Throws ConflictError (with the running run's id) when a run is
   * already going anywhere, NotConfiguredError without Airtable.
   */
  async start(trigger: SyncTrigger, request: SyncRequest = {}): Promise<StartedRun> {
    if (!this.airtable.isConfigured()) {
      throw new NotConfiguredError(
        'AirtableNotConfigured',
        'Airtable is not configured on this server (AIRTABLE_TOKEN, AIRTABLE_BASE_ID, AIRTABLE_TABLE_ID): orders cannot be imported.',
      );
    }
    if (request.allowMassDelete && !request.fullPass) {
      throw new InvalidInputError('MassDeleteNeedsFullPass', 'allowMassDelete applies to a full pass only: send full=true with it.', [
        { field: 'allowMassDelete', message: 'only with full=true' },
      ]);
    }
    if (this.stopping) throw new ConflictError('ShuttingDown', 'This server is shutting down; try again on another replica.');
    const lock = await this.lock.tryAcquire();
    if (!lock) throw await this.alreadyRunning();

    let run: SyncRun;
    let plan: ImportPlan;
    try {
      // Holding the lock, any run still marked running is one whose process or connection died.
      const abandoned = await this.runs.failAbandoned();
      if (abandoned > 0) this.logger.warn({ msg: `closed ${abandoned} abandoned sync run(s) as failed` });
      const history = await this.runs.history();
      const fullPass = request.fullPass === true || this.fullPassDue(history);
      const modifiedSince = fullPass || !history.highWaterMark ? null : new Date(history.highWaterMark.getTime() - this.options.overlapMs);
      const massDeleteAllowed = request.allowMassDelete === true;
      run = await this.runs.start(trigger, fullPass, modifiedSince, massDeleteAllowed);
      plan = {
        runId: run.id,
        fullPass,
        modifiedSince,
        previousHighWaterMark: history.highWaterMark,
        maxDeleteRatio: massDeleteAllowed ? null : this.config.get('sync', { infer: true }).maxDeleteRatio,
      };
    } catch (error) {
      await lock.release();
      throw error;
    }
    const abort = new AbortController();
    const done = this.execute(run, plan, lock, abort.signal);
    this.inProgress.set(run.id, { done, abort });
    void done.finally(() => this.inProgress.delete(run.id));
    this.logger.log({ msg: `sync run ${run.id} started`, trigger, fullPass: plan.fullPass, modifiedSince: plan.modifiedSince });
    return { run, done };
  }

  /** Starts a run and waits up to `waitSeconds` for it: `finished` says whether it ended in time. */
  async startAndWait(trigger: SyncTrigger, waitSeconds: number, request: SyncRequest = {}): Promise<WaitedRun> {
    const { run, done } = await this.start(trigger, request);
    if (waitSeconds <= 0) return { run, finished: false };
    const timer = new AbortController();
    const ended = await Promise.race([done, sleep(waitSeconds * 1000, undefined, { signal: timer.signal }).catch(() => undefined)]);
    timer.abort();
    if (ended) return { run: ended, finished: true };
    return { run: (await this.runs.findById(run.id)) ?? run, finished: false };
  }

  /** For the schedule and startup: a run already going (here or on another replica) means nothing to do. */
  async startIfIdle(trigger: SyncTrigger): Promise<StartedRun | undefined> {
    try {
      return await this.start(trigger);
    } catch (error) {
      if (error instanceof ConflictError) {
        this.logger.log({ msg: `${trigger} sync skipped: ${error.message}` });
      } else {
        this.logger.error({ msg: `${trigger} sync could not start`, error: error instanceof Error ? error.message : String(error) });
      }
      return undefined;
    }
  }

  async getRun(id: number): Promise<SyncRun> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('SyncRunNotFound', `There is no sync run ${id}.`);
    return run;
  }

  async listRuns(page: number, pageSize: number): Promise<Page<SyncRun>> {
    const [runs, total] = await this.runs.list(pageSize, (page - 1) * pageSize);
    return makePage(runs, page, pageSize, total);
  }

  /** Stops a run of this process between two requests, records it failed and frees the lock before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const running = [...this.inProgress.values()];
    for (const { abort } of running) abort.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  private execute(run: SyncRun, plan: ImportPlan, lock: HeldSyncLock, signal: AbortSignal): Promise<SyncRun> {
    const attributes = { 'orders.sync.run_id': run.id, 'orders.sync.trigger': run.trigger, 'orders.sync.full_pass': plan.fullPass };
    return traced('orders import', attributes, async (span) => {
      const ended = await this.executeUntraced(run, plan, lock, signal);
      span.setAttributes({ 'orders.sync.status': ended.status, 'orders.sync.fetched': ended.fetched });
      return ended;
    });
  }

  private async executeUntraced(run: SyncRun, plan: ImportPlan, lock: HeldSyncLock, signal: AbortSignal): Promise<SyncRun> {
    const figures = emptyFigures();
    let ended: SyncRun;
    try {
      const highWaterMark = await this.importer.execute(plan, lock, figures, signal);
      ended = { ...run, ...figures, status: 'succeeded', finishedAt: new Date(), highWaterMark, error: null };
    } catch (error) {
      const reason = signal.aborted ? 'Interrupted: the server shut down during the run.' : describeFailure(error);
      ended = { ...run, ...figures, status: 'failed', finishedAt: new Date(), highWaterMark: null, error: reason };
    }
    try {
      await this.runs.finish(ended);
    } catch (error) {
      // Without the database the run stays marked running; the next run closes it as abandoned.
      this.logger.error({ msg: `sync run ${run.id} could not be recorded`, error: describeFailure(error) });
    } finally {
      await lock.release();
    }
    const ms = ended.finishedAt!.getTime() - run.startedAt.getTime();
    const { id, trigger, fullPass, status, fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete, error } = ended;
    const summary = { msg: `sync run ${id} ${status}`, trigger, fullPass, ms, fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete };
    if (status === 'succeeded') this.logger.log(summary);
    else this.logger.warn({ ...summary, error });
    return ended;
  }

  private fullPassDue(history: SyncHistory): boolean {
    if (!history.highWaterMark || !history.lastFullPassAt) return true;
    if (history.incrementalRunsSinceFullPass >= this.options.fullPassEveryRuns) return true;
    return Date.now() - history.lastFullPassAt.getTime() >= this.options.fullPassMaxAgeMs;
  }

  private async alreadyRunning(): Promise<ConflictError> {
    // The lock is taken just before the run is recorded: look twice before answering without an id.
    let running = await this.runs.findRunning();
    for (let attempt = 0; !running && attempt < 5; attempt += 1) {
      await sleep(20);
      running = await this.runs.findRunning();
    }
    const detail = running ? ` (run ${running.id}, started ${running.startedAt.toISOString()})` : '';
    return new ConflictError('SyncAlreadyRunning', `An Airtable import is already running${detail}.`, running ? { runId: running.id } : {});
  }
}

/** What a failed run records: domain errors say what happened; database errors are named as such. */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  if (error instanceof QueryRunnerAlreadyReleasedError) return 'Database error: the connection holding the sync lock was lost.';
  const message = error instanceof Error ? error.message : String(error);
  const fromDatabase = error instanceof TypeORMError || typeof (error as { severity?: unknown })?.severity === 'string';
  return `${fromDatabase ? 'Database error' : 'Unexpected error'}: ${message}`.slice(0, 500);
}

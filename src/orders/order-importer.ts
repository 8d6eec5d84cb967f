import { Injectable, Logger } from '@nestjs/common';
import { UpstreamError } from '../common/errors/domain-error';
import { traced } from '../infra/tracing/spans';
import { AIRTABLE_FIELDS, mapAirtableOrder } from './airtable-order.mapper';
import { AirtablePort, AirtableRecord } from './airtable.port';
import { HeldSyncLock } from './order-sync.lock';
import { ImportedOrder } from './order.types';
import { OrderSyncOptions } from './orders.options';
import { OrdersRepository } from './orders.repository';
import { SyncFigures } from './sync-run.types';
import { SyncRunsRepository } from './sync-runs.repository';

export interface ImportPlan {
  runId: number;
  fullPass: boolean;
  /** Only records modified after this; every record when null. */
  modifiedSince: Date | null;
  previousHighWaterMark: Date | null;
  /**
   * The deletion brake of a full pass: the largest share of the local orders it may delete (SYNC_MAX_DELETE_RATIO);
   * null when an admin allowed a mass delete for this run.
   */
  maxDeleteRatio: number | null;
}

/** Problems of single records are logged one by one up to this many per run, then only counted. */
const LOGGED_PROBLEMS_PER_RUN = 50;
const DELETION_SLICE = 5_000;

/**
 * The work of one import run: list the records Airtable has (all, or those
 * modified since the plan's bound), upsert them page by page, and on a full
 * pass remove the orders Airtable no longer has. Figures are written into
 * `figures` as it goes, so they are right even when it throws half-way.
 */
@Injectable()
export class OrderImporter {
  private readonly logger = new Logger('OrderSync');

  constructor(
    private readonly airtable: AirtablePort,
    private readonly orders: OrdersRepository,
    private readonly runs: SyncRunsRepository,
    private readonly options: OrderSyncOptions,
  ) {}

  /** Answers the new high-water mark. */
  async execute(plan: ImportPlan, lock: HeldSyncLock, figures: SyncFigures, signal: AbortSignal): Promise<Date | null> {
    const listingStartedAt = new Date();
    const seen = plan.fullPass ? new Set<string>() : undefined;
    let newestModified: Date | null = null;
    let restarts = 0;
    let problemsLogged = 0;

    const pages = this.airtable.listRecords({
      filterByFormula: plan.modifiedSince ? modifiedAfterFormula(plan.modifiedSince) : undefined,
      fields: Object.values(AIRTABLE_FIELDS),
      pageSize: this.options.pageSize,
      signal,
    });
    let pageNumber = 0;
    for await (const page of pages) {
      if (page.restarted && ++restarts > this.options.maxListingRestarts) {
        throw new UpstreamError('upstream_unavailable', 'airtable', `The Airtable listing expired ${restarts} times; giving up this run.`);
      }
      pageNumber += 1;
      // The page's Airtable request has its own span (the adapter's); this one is the storing of the page.
      const pageAttributes = {
        'orders.sync.run_id': plan.runId,
        'orders.sync.page': pageNumber,
        'orders.sync.records': page.records.length,
      };
      await traced('orders import page', pageAttributes, async (span) => {
        figures.fetched += page.records.length;
        const batch = new Map<string, ImportedOrder>();
        for (const record of page.records) {
          seen?.add(record.id);
          const { order, problems } = mapAirtableOrder(record);
          if (problems.length > 0 && problemsLogged++ < LOGGED_PROBLEMS_PER_RUN) this.logProblems(plan.runId, record, problems, !order);
          if (!order) {
            figures.skipped += 1;
            continue;
          }
          if (problems.length > 0) figures.incomplete += 1;
          const twin = batch.get(order.recordId);
          if (twin) figures.unchanged += 1;
          if (!twin || twin.airtableModifiedAt < order.airtableModifiedAt) batch.set(order.recordId, order);
          if (!newestModified || order.airtableModifiedAt > newestModified) newestModified = order.airtableModifiedAt;
        }
        const written = await this.orders.upsert([...batch.values()], { executor: lock.connection });
        figures.created += written.created;
        figures.updated += written.updated;
        figures.unchanged += written.unchanged;
        span.setAttributes({ 'orders.sync.created': written.created, 'orders.sync.updated': written.updated });
        await this.runs.saveProgress(plan.runId, figures);
      });
      signal.throwIfAborted();
    }

    if (seen) await this.deleteMissing(plan, seen, lock, figures);
    if (problemsLogged > LOGGED_PROBLEMS_PER_RUN) {
      this.logger.warn({
        msg: `${problemsLogged - LOGGED_PROBLEMS_PER_RUN} more records with problems were not logged one by one`,
        runId: plan.runId,
      });
    }
    return nextHighWaterMark(plan.previousHighWaterMark, newestModified, listingStartedAt);
  }

  /**
   * Walks the local ids in slices and removes those the full listing did not return, unless they are more than
   * the brake allows: a token that lost access to part of the table lists fewer records, and those orders must
   * not vanish. Then none is removed and the run records how many were withheld.
   */
  private async deleteMissing(plan: ImportPlan, seen: Set<string>, lock: HeldSyncLock, figures: SyncFigures): Promise<void> {
    // The whole table is counted before anything is removed, so the brake judges the run's real share.
    const missing: string[] = [];
    let local = 0;
    for (let after: string | null = null; ; ) {
      const recordIds = await this.orders.recordIdsAfter(after, DELETION_SLICE, lock.connection);
      if (recordIds.length === 0) break;
      local += recordIds.length;
      for (const id of recordIds) if (!seen.has(id)) missing.push(id);
      after = recordIds[recordIds.length - 1];
    }
    if (plan.maxDeleteRatio !== null && missing.length > plan.maxDeleteRatio * local) {
      figures.withheldDeletions = missing.length;
      this.logger.warn({
        msg: `full pass withheld ${missing.length} deletions of ${local} orders: more than SYNC_MAX_DELETE_RATIO=${plan.maxDeleteRatio}; ` +
          'check the Airtable token\'s access, then POST /orders/sync?full=true&allowMassDelete=true to delete them',
        runId: plan.runId,
      });
      return;
    }
    for (let start = 0; start < missing.length; start += DELETION_SLICE) {
      figures.deleted += await this.orders.deleteByRecordIds(missing.slice(start, start + DELETION_SLICE), lock.connection);
    }
  }

  private logProblems(runId: number, record: AirtableRecord, problems: string[], skipped: boolean): void {
    this.logger.warn({
      msg: skipped ? 'Airtable record skipped' : 'Airtable record stored with empty fields',
      runId,
      recordId: record.id,
      problems,
    });
  }
}

/** Airtable formula: records whose Last Modified time is after `since`. */
export function modifiedAfterFormula(since: Date): string {
  return `IS_AFTER({${AIRTABLE_FIELDS.lastModified}}, DATETIME_PARSE('${since.toISOString()}'))`;
}

/**
 * The newest Last Modified time received, but never later than when the
 * listing started: a record edited while we paged may have been listed before
 * its edit, and must come again next time. Never moves backwards.
 */
export function nextHighWaterMark(previous: Date | null, newestReceived: Date | null, listingStartedAt: Date): Date | null {
  if (!newestReceived) return previous;
  const candidate = newestReceived < listingStartedAt ? newestReceived : listingStartedAt;
  return previous && previous > candidate ? previous : candidate;
}

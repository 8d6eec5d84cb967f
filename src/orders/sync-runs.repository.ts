import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { SyncRunEntity } from './entities/sync-run.entity';
import { SyncFigures, SyncRun, SyncTrigger } from './sync-run.types';

/** Where the next run starts from: the last success, and the last full pass. */
export interface SyncHistory {
  highWaterMark: Date | null;
  lastFullPassAt: Date | null;
  incrementalRunsSinceFullPass: number;
}

/** The `order_sync_runs` table. */
@Injectable()
export class SyncRunsRepository {
  constructor(@InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>) {}

  async start(trigger: SyncTrigger, fullPass: boolean, modifiedSince: Date | null, massDeleteAllowed = false): Promise<SyncRun> {
    const run = await this.runs.save(
      this.runs.create({
        trigger,
        fullPass,
        massDeleteAllowed,
        modifiedSince,
        status: 'running',
        startedAt: new Date(),
        fetched: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        withheldDeletions: 0,
        skipped: 0,
        incomplete: 0,
      }),
    );
    return toSyncRun(run);
  }

  async saveProgress(id: number, figures: SyncFigures): Promise<void> {
    await this.runs.update({ id: String(id), status: 'running' }, figuresOf(figures));
  }

  /** Records how a run ended: status, figures, finish time, high-water mark and error. */
  async finish(run: SyncRun): Promise<void> {
    await this.runs.update(
      { id: String(run.id) },
      {
        status: run.status,
        finishedAt: run.finishedAt,
        highWaterMark: run.highWaterMark,
        error: run.error?.slice(0, 2000) ?? null,
        ...figuresOf(run),
      },
    );
  }

  /**
   * Runs still marked running when nobody holds the sync lock died with their
   * process or lost their database connection: close them as failed.
   */
  async failAbandoned(): Promise<number> {
    const result = await this.runs.update(
      { status: 'running' },
      { status: 'failed', finishedAt: new Date(), error: 'Interrupted: the process or its database connection went away during the run.' },
    );
    return result.affected ?? 0;
  }

  async findById(id: number): Promise<SyncRun | null> {
    const run = await this.runs.findOneBy({ id: String(id) });
    return run ? toSyncRun(run) : null;
  }

  async findRunning(): Promise<SyncRun | null> {
    const run = await this.runs.findOne({ where: { status: 'running' }, order: { id: 'DESC' } });
    return run ? toSyncRun(run) : null;
  }

  async list(limit: number, offset: number): Promise<[SyncRun[], number]> {
    const [runs, total] = await this.runs.findAndCount({ order: { id: 'DESC' }, take: limit, skip: offset });
    return [runs.map(toSyncRun), total];
  }

  /** When the newest successful run finished; null before the first. */
  async lastSuccessAt(): Promise<Date | null> {
    const run = await this.runs.findOne({ where: { status: 'succeeded' }, order: { id: 'DESC' }, select: { id: true, finishedAt: true } });
    return run?.finishedAt ?? null;
  }

  /** How many runs the table holds per status (running, succeeded, failed). */
  async countByStatus(): Promise<Array<{ status: string; runs: number }>> {
    const rows = (await this.runs.query(`SELECT status, count(*)::int AS runs FROM order_sync_runs GROUP BY status`)) as Array<{
      status: string;
      runs: number;
    }>;
    return rows;
  }

  async history(): Promise<SyncHistory> {
    const lastSuccess = await this.runs.findOne({ where: { status: 'succeeded' }, order: { id: 'DESC' } });
    const lastFull = await this.runs.findOne({ where: { status: 'succeeded', fullPass: true }, order: { id: 'DESC' } });
    const incrementalRunsSinceFullPass = lastFull
      ? await this.runs.countBy({ status: 'succeeded', fullPass: false, id: MoreThan(lastFull.id) })
      : 0;
    return {
      highWaterMark: lastSuccess?.highWaterMark ?? null,
      lastFullPassAt: lastFull?.startedAt ?? null,
      incrementalRunsSinceFullPass,
    };
  }
}

function figuresOf({ fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete }: SyncFigures): SyncFigures {
  return { fetched, created, updated, unchanged, deleted, withheldDeletions, skipped, incomplete };
}

function toSyncRun(entity: SyncRunEntity): SyncRun {
  return {
    id: Number(entity.id),
    trigger: entity.trigger,
    fullPass: entity.fullPass,
    massDeleteAllowed: entity.massDeleteAllowed,
    status: entity.status,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
    modifiedSince: entity.modifiedSince,
    highWaterMark: entity.highWaterMark,
    fetched: entity.fetched,
    created: entity.created,
    updated: entity.updated,
    unchanged: entity.unchanged,
    deleted: entity.deleted,
    withheldDeletions: entity.withheldDeletions,
    skipped: entity.skipped,
    incomplete: entity.incomplete,
    error: entity.error,
  };
}

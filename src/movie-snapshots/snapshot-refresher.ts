import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { TmdbPort } from '../movies/tmdb.port';
import type { MovieSnapshot } from './movie-snapshot';

/** Where a refreshed snapshot goes (the SnapshotStore). */
export interface SnapshotSaver {
  save(snapshots: readonly MovieSnapshot[]): Promise<unknown>;
}

export interface SnapshotRefresherOptions {
  /** Refreshes running at once; TMDB's client paces them further. */
  concurrency: number;
  /** Movies waiting beyond this are not queued: the next list that shows them asks again. */
  maxQueued: number;
  now: () => number;
}

/**
 * Refreshes stale snapshots in the background, one movie at most once at a time in this process, a few at
 * once, from a bounded queue: however many lists show stale movies, TMDB sees a bounded trickle. A refresh
 * that fails keeps the old snapshot (the next list asks again); a last good copy (STALE) is not stored.
 */
export class SnapshotRefresher implements OnApplicationShutdown {
  private readonly logger = new Logger('SnapshotRefresher');
  private readonly queued = new Set<number>();
  private readonly pending: number[] = [];
  private running = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly tmdb: TmdbPort,
    private readonly snapshots: SnapshotSaver,
    private readonly options: SnapshotRefresherOptions,
  ) {}

  refresh(tmdbIds: readonly number[]): void {
    for (const tmdbId of tmdbIds) {
      if (this.closed || this.queued.has(tmdbId) || this.queued.size >= this.options.maxQueued) continue;
      this.queued.add(tmdbId);
      this.pending.push(tmdbId);
    }
    this.pump();
  }

  /** Resolves once nothing is queued or running (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.pending.forEach((tmdbId) => this.queued.delete(tmdbId));
    this.pending.length = 0;
    await this.idle();
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.pending.length > 0) {
      const tmdbId = this.pending.shift()!;
      this.running += 1;
      void this.refreshOne(tmdbId).finally(() => {
        this.running -= 1;
        this.queued.delete(tmdbId);
        this.pump();
        if (this.queued.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async refreshOne(tmdbId: number): Promise<void> {
    try {
      const { value, cache } = await this.tmdb.fetchMovieDetails(tmdbId);
      if (cache !== 'STALE') await this.snapshots.save([{ details: value, fetchedAt: new Date(this.options.now()) }]);
    } catch (error) {
      if (!(error instanceof DomainError)) this.logger.error({ msg: 'snapshot refresh failed', tmdbId, error: (error as Error).message });
      else this.logger.warn({ msg: 'snapshot kept: TMDB could not refresh it', tmdbId, reason: error.code });
    }
  }
}

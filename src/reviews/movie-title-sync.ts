import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { CatalogEvents } from '../catalog/catalog-events';
import { describe, ReviewMirror } from './review-mirror.service';
import { ReviewsRepository } from './reviews.repository';
import { NotionPort } from '../notion/notion.port';
import { PendingSyncsRepository } from './pending-syncs.repository';

/**
 * Review pages show their movie's title, so a renamed catalog movie has its pages rewritten right after
 * the rename, in the background at Notion's pace. What fails is recorded for the reconciliation.
 */
@Injectable()
export class MovieTitleSync implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MovieTitleSync');
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly events: CatalogEvents,
    private readonly reviews: ReviewsRepository,
    private readonly mirror: ReviewMirror,
    private readonly pending: PendingSyncsRepository,
    private readonly notion: NotionPort,
  ) {}

  onModuleInit(): void {
    if (!this.notion.configured) return;
    this.subscription = this.events.movieRenamed$.subscribe((movieId) => {
      const work = this.syncMovie(movieId).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Resolves when every rename seen so far has reached Notion (or been recorded as pending). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.idle();
  }

  private async syncMovie(movieId: number): Promise<void> {
    try {
      for (const reviewId of await this.reviews.idsOfMovie(movieId)) {
        try {
          await this.mirror.repair(reviewId, { wait: true });
        } catch (error) {
          await this.pending.record(reviewId, [], 'movie title change not written', describe(error));
        }
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not bring a renamed movie to Notion; the reconciliation will', movieId, detail: describe(error) });
    }
  }
}

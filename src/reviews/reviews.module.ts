import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { MoviesModule } from '../movies/movies.module';
import { NotionModule } from '../notion/notion.module';
import { PendingSyncEntity } from './entities/pending-sync.entity';
import { ReviewEntity } from './entities/review.entity';
import { MovieTitleSync } from './movie-title-sync';
import { PendingSyncsRepository } from './pending-syncs.repository';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationLock } from './reconciliation-lock';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';
import { MovieReviewsController } from './movie-reviews.controller';
import { ReviewMetrics } from './review-metrics';
import { ReviewMirror } from './review-mirror.service';
import { ReviewWriteOptions } from './review-write.options';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

/**
 * Reviews, kept in PostgreSQL and in Notion together: the writes, the durable list of repairs owed to
 * Notion, and the reconciliation that finishes them (on demand and on a schedule). See README.md here.
 */
@Module({
  // SchedulerRegistry comes from ScheduleModule.forRoot(), imported once by AppModule.
  imports: [TypeOrmModule.forFeature([ReviewEntity, PendingSyncEntity]), CatalogModule, MoviesModule, NotionModule],
  controllers: [ReviewsController, MovieReviewsController, ReconciliationController],
  providers: [
    ReviewsService,
    ReviewWriteOptions,
    ReviewsRepository,
    ReviewMirror,
    PendingSyncsRepository,
    ReconciliationService,
    ReconciliationLock,
    ReconciliationScheduler,
    MovieTitleSync,
    ReviewMetrics,
  ],
})
export class ReviewsModule {}

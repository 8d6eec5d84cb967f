import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CatalogModule } from '../catalog/catalog.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { MovieTitleSync } from './movie-title-sync';
import { NotionModule } from './notion.module';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationLock } from './reconciliation-lock';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';

/** Keeps Notion in line with the reviews table: reconciliation on demand and on a schedule, renamed movies. */
@Module({
  // forRoot() is global and deduplicated by Nest, so another feature importing it too is harmless.
  imports: [ScheduleModule.forRoot(), NotionModule, ReviewsModule, CatalogModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, ReconciliationLock, ReconciliationScheduler, MovieTitleSync],
})
export class NotionSyncModule {}

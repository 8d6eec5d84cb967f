import { Module } from '@nestjs/common';
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
  // SchedulerRegistry comes from ScheduleModule.forRoot(), imported once by AppModule: under Nest 11 each
  // forRoot() call is a module instance of its own (a registry and a decorator explorer each).
  imports: [NotionModule, ReviewsModule, CatalogModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, ReconciliationLock, ReconciliationScheduler, MovieTitleSync],
})
export class NotionSyncModule {}

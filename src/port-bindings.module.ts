import { Global, Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogService } from './catalog/catalog.service';
import { ReviewStatsPort } from './movies/review-stats.port';
import { UserMarksPort } from './movies/user-marks.port';
import { UserMarksCache } from './user-marks/user-marks.cache';
import { UserMarksModule } from './user-marks/user-marks.module';

/**
 * Binds the ports a lower feature defines to the upper feature that implements
 * them, so arrows run one way: movies needs marks and review stats, and neither
 * user-marks nor the catalog is imported by movies.
 */
@Global()
@Module({
  imports: [UserMarksModule, CatalogModule],
  providers: [
    { provide: UserMarksPort, useExisting: UserMarksCache },
    { provide: ReviewStatsPort, useExisting: CatalogService },
  ],
  exports: [UserMarksPort, ReviewStatsPort],
})
export class PortBindingsModule {}

import { Global, Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogService } from './catalog/catalog.service';
import { ReviewStatsPort } from './movies/review-stats.port';
import { UserMarksPort } from './movies/user-marks.port';
import { LinkedAccountPort, NoLinkedAccounts } from './user-marks/linked-account.port';
import { UserMarksCache } from './user-marks/user-marks.cache';
import { UserMarksModule } from './user-marks/user-marks.module';

/**
 * Binds the ports a lower feature defines to the upper feature that implements
 * them, so arrows run one way: movies needs marks and review stats, and neither
 * user-marks nor the catalog is imported by movies. LinkedAccountPort (favorites
 * and the watchlist mirror a linked TMDb account through it) does nothing until
 * a TMDb-account feature is bound in its place.
 */
@Global()
@Module({
  imports: [UserMarksModule, CatalogModule],
  providers: [
    { provide: UserMarksPort, useExisting: UserMarksCache },
    { provide: ReviewStatsPort, useExisting: CatalogService },
    { provide: LinkedAccountPort, useClass: NoLinkedAccounts },
  ],
  exports: [UserMarksPort, ReviewStatsPort, LinkedAccountPort],
})
export class PortBindingsModule {}

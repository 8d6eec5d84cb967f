import { Global, Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogService } from './catalog/catalog.service';
import { ReviewStatsPort } from './movies/review-stats.port';
import { UserMarksPort } from './movies/user-marks.port';
import { LinkedAccountService } from './tmdb-account/linked-account.service';
import { LinkedUserMarks } from './tmdb-account/linked-user-marks';
import { TmdbAccountModule } from './tmdb-account/tmdb-account.module';
import { LinkedAccountPort } from './user-marks/linked-account.port';

/**
 * Binds the ports a lower feature defines to the upper feature that implements
 * them, so arrows run one way: movies needs marks and review stats, and neither
 * user-marks nor the catalog is imported by movies. Favorites and the watchlist
 * mirror a linked TMDb account through LinkedAccountPort; movie item flags come
 * from the user-marks cache behind LinkedUserMarks, which first refreshes a linked
 * user's stale copy of their TMDb lists.
 */
@Global()
@Module({
  imports: [TmdbAccountModule, CatalogModule],
  providers: [
    { provide: UserMarksPort, useExisting: LinkedUserMarks },
    { provide: ReviewStatsPort, useExisting: CatalogService },
    { provide: LinkedAccountPort, useExisting: LinkedAccountService },
  ],
  exports: [UserMarksPort, ReviewStatsPort, LinkedAccountPort],
})
export class PortBindingsModule {}

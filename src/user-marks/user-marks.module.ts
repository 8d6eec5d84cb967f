import { Module } from '@nestjs/common';
import { UserMarksCache } from './user-marks.cache';
import { UserMarksRepository } from './user-marks.repository';

/**
 * Each user's marks on movies (favorite, watchlist, rating), kept per replica for
 * the hot movie lists. Favorites, the watchlist and ratings tell the cache what
 * changed; AppModule binds it as movies' UserMarksPort. It also defines
 * LinkedAccountPort, which favorites and the watchlist call around their writes.
 */
@Module({
  providers: [UserMarksRepository, UserMarksCache],
  exports: [UserMarksCache],
})
export class UserMarksModule {}

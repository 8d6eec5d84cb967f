import { Module } from '@nestjs/common';
import { UserMarksCache } from './user-marks.cache';
import { UserMarksRepository } from './user-marks.repository';

/**
 * Each user's marks on movies (favorite, rating), kept per replica for the hot
 * movie lists. Favorites and ratings tell the cache what changed; AppModule binds
 * it as movies' UserMarksPort.
 */
@Module({
  providers: [UserMarksRepository, UserMarksCache],
  exports: [UserMarksCache],
})
export class UserMarksModule {}

import { Module } from '@nestjs/common';
import { TmdbModule } from './tmdb.module';

/**
 * Movies from TMDB. Exports TmdbPort (through TmdbModule) for the features
 * that resolve TMDB ids, such as reviews.
 */
@Module({
  imports: [TmdbModule],
  exports: [TmdbModule],
})
export class MoviesModule {}

import { Module } from '@nestjs/common';
import { MoviesController } from './movies.controller';
import { MoviesService } from './movies.service';
import { TmdbModule } from './tmdb.module';

/**
 * Movies from TMDB: the /movies routes, and TmdbPort (through TmdbModule)
 * for the features that resolve TMDB ids, such as reviews. The caller's marks
 * (UserMarksPort) and review stats (ReviewStatsPort) are provided from outside,
 * bound in AppModule.
 */
@Module({
  imports: [TmdbModule],
  controllers: [MoviesController],
  providers: [MoviesService],
  exports: [TmdbModule],
})
export class MoviesModule {}

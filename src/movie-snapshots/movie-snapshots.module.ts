import { Module } from '@nestjs/common';
import { TmdbModule } from '../movies/tmdb.module';
import { MovieDetailsLoader } from './movie-details.loader';

/** Movie details for the per-user lists (watchlist), shared by all users. */
@Module({
  imports: [TmdbModule],
  providers: [MovieDetailsLoader],
  exports: [MovieDetailsLoader],
})
export class MovieSnapshotsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MovieSnapshotsModule } from '../movie-snapshots/movie-snapshots.module';
import { TmdbModule } from '../movies/tmdb.module';
import { UserMarksModule } from '../user-marks/user-marks.module';
import { WatchlistEntryEntity } from './entities/watchlist-entry.entity';
import { WatchlistController } from './watchlist.controller';
import { WatchlistRepository } from './watchlist.repository';
import { WatchlistService } from './watchlist.service';

/**
 * Each user's watchlist. Exports the service (a linked TMDb account merges through
 * listEntries/importEntries/removeEntries); every change is told to the user-marks
 * cache that movie lists merge `inWatchlist` from.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WatchlistEntryEntity]), TmdbModule, MovieSnapshotsModule, UserMarksModule],
  controllers: [WatchlistController],
  providers: [WatchlistRepository, WatchlistService],
  exports: [WatchlistService],
})
export class WatchlistModule {}

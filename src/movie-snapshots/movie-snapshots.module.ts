import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from '../config/settings';
import { TmdbModule } from '../movies/tmdb.module';
import { TmdbPort } from '../movies/tmdb.port';
import { MovieSnapshots } from './movie-snapshots';
import { MovieSnapshotsRepository } from './movie-snapshots.repository';
import { SnapshotRefresher } from './snapshot-refresher';

/** Background refreshes running at once per replica; TMDB's client paces them against its limit too. */
const REFRESH_CONCURRENCY = 4;
/** Movies waiting for a background refresh per replica; beyond this the next reader asks again. */
const REFRESH_QUEUE = 1000;

/**
 * Snapshots of TMDB's details of the movies in per-user lists (favorites, the
 * watchlist, shared lists), shared by all users, refreshed in the background.
 */
@Module({
  imports: [TmdbModule],
  providers: [
    MovieSnapshotsRepository,
    {
      provide: SnapshotRefresher,
      inject: [TmdbPort, MovieSnapshotsRepository],
      useFactory: (tmdb: TmdbPort, snapshots: MovieSnapshotsRepository) =>
        new SnapshotRefresher(tmdb, snapshots, { concurrency: REFRESH_CONCURRENCY, maxQueued: REFRESH_QUEUE, now: Date.now }),
    },
    {
      provide: MovieSnapshots,
      inject: [TmdbPort, MovieSnapshotsRepository, SnapshotRefresher, ConfigService],
      useFactory: (
        tmdb: TmdbPort,
        snapshots: MovieSnapshotsRepository,
        refresher: SnapshotRefresher,
        config: ConfigService<Settings, true>,
      ) =>
        new MovieSnapshots(tmdb, snapshots, refresher, { freshMs: config.get('cache', { infer: true }).ttlSeconds * 1000, now: Date.now }),
    },
  ],
  exports: [MovieSnapshots],
})
export class MovieSnapshotsModule {}

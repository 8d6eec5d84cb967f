import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from '../config/settings';
import { RedisConnection } from '../infra/redis/redis-connection';
import { TmdbModule } from '../movies/tmdb.module';
import { TmdbPort } from '../movies/tmdb.port';
import { KeptSnapshots } from './kept-snapshots';
import { MovieSnapshots } from './movie-snapshots';
import { MovieSnapshotsRepository } from './movie-snapshots.repository';
import { SnapshotRefresher } from './snapshot-refresher';
import { SnapshotStore } from './snapshot-store';

/** Background refreshes running at once per replica; TMDB's client paces them against its limit too. */
const REFRESH_CONCURRENCY = 4;
/** Movies waiting for a background refresh per replica; beyond this the next reader asks again. */
const REFRESH_QUEUE = 1000;
/**
 * Characters of snapshot JSON kept in each replica's memory (8 to 16 MiB): about 4,500 a movie (its details
 * and their summary), so some 1,800 movies; a page of 100 favorites shows about 400,000.
 */
export const KEPT_SNAPSHOT_CHARS = 8_000_000;

/**
 * Snapshots of TMDB's details of the movies in per-user lists (favorites, the
 * watchlist, shared lists), shared by all users, refreshed in the background.
 */
@Module({
  imports: [TmdbModule],
  providers: [
    MovieSnapshotsRepository,
    {
      provide: SnapshotStore,
      inject: [MovieSnapshotsRepository, RedisConnection],
      useFactory: (repository: MovieSnapshotsRepository, redis: RedisConnection) =>
        new SnapshotStore(repository, new KeptSnapshots(KEPT_SNAPSHOT_CHARS), redis),
    },
    {
      provide: SnapshotRefresher,
      inject: [TmdbPort, SnapshotStore],
      useFactory: (tmdb: TmdbPort, store: SnapshotStore) =>
        new SnapshotRefresher(tmdb, store, { concurrency: REFRESH_CONCURRENCY, maxQueued: REFRESH_QUEUE, now: Date.now }),
    },
    {
      provide: MovieSnapshots,
      inject: [TmdbPort, SnapshotStore, SnapshotRefresher, ConfigService],
      useFactory: (tmdb: TmdbPort, store: SnapshotStore, refresher: SnapshotRefresher, config: ConfigService<Settings, true>) =>
        new MovieSnapshots(tmdb, store, refresher, { freshMs: config.get('cache', { infer: true }).ttlSeconds * 1000, now: Date.now }),
    },
  ],
  exports: [MovieSnapshots],
})
export class MovieSnapshotsModule {}

import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { RedisChannel } from '../infra/redis/redis-channel';
import { RedisConnection } from '../infra/redis/redis-connection';
import { KeptSnapshots } from './kept-snapshots';
import { DescribedMovie, MovieSnapshot } from './movie-snapshot';
import { MovieSnapshotsRepository } from './movie-snapshots.repository';

/**
 * The snapshots: PostgreSQL, shared by the replicas, with this process's KeptSnapshots in front of it. A
 * snapshot stored here is announced to the other replicas (`<tmdbId>:<fetchedAt ms>`, several joined by
 * commas), which drop an older copy so that their next list reads the new one. While Redis is down they keep
 * theirs; a copy goes stale within the cache TTL and is then refreshed by the replica that shows it.
 */
export class SnapshotStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SnapshotStore');
  private readonly channel: RedisChannel;

  constructor(
    private readonly repository: MovieSnapshotsRepository,
    private readonly kept: KeptSnapshots,
    redis: RedisConnection,
  ) {
    this.channel = new RedisChannel(redis, 'movie-snapshots-stored', this.logger);
  }

  onModuleInit(): void {
    this.channel.listen((message) => this.forgetAnnounced(message));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }

  /** The snapshots of these movies that there are: from this process's memory, the rest in one query. */
  async find(tmdbIds: readonly number[]): Promise<Map<number, DescribedMovie>> {
    const found = new Map<number, DescribedMovie>();
    const unknown: number[] = [];
    for (const tmdbId of tmdbIds) {
      const movie = this.kept.get(tmdbId);
      if (movie) found.set(tmdbId, movie);
      else unknown.push(tmdbId);
    }
    if (unknown.length === 0) return found;
    for (const [tmdbId, snapshot] of await this.repository.find(unknown)) {
      const movie = DescribedMovie.of(snapshot.details, snapshot.fetchedAt);
      this.kept.put(movie);
      found.set(tmdbId, movie);
    }
    return found;
  }

  /**
   * Stores the snapshots (each unless a newer one is stored already), keeps and announces those stored, and
   * answers all of them ready for a list.
   */
  async save(snapshots: readonly MovieSnapshot[]): Promise<DescribedMovie[]> {
    const movies = snapshots.map((snapshot) => DescribedMovie.of(snapshot.details, snapshot.fetchedAt));
    if (movies.length === 0) return movies;
    const stored = new Set(
      await this.repository.saveMany(
        movies.map((movie) => ({ tmdbId: movie.tmdbId, detailsJson: movie.details.json, fetchedAt: movie.fetchedAt! })),
      ),
    );
    const announced = movies.filter((movie) => stored.has(movie.tmdbId));
    announced.forEach((movie) => this.kept.put(movie));
    if (announced.length > 0)
      await this.channel.publish(announced.map((movie) => `${movie.tmdbId}:${movie.fetchedAt!.getTime()}`).join(','));
    return movies;
  }

  private forgetAnnounced(message: string): void {
    for (const pair of message.split(',')) {
      const [tmdbId, fetchedAt] = pair.split(':').map(Number);
      if (Number.isSafeInteger(tmdbId) && Number.isFinite(fetchedAt)) this.kept.forgetOlderThan(tmdbId, new Date(fetchedAt));
    }
  }
}

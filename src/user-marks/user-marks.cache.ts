import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { RedisChannel } from '../infra/redis/redis-channel';
import { RedisConnection } from '../infra/redis/redis-connection';
import { NO_FLAGS, UserMarksPort, UserMovieFlags } from '../movies/user-marks.port';
import { UserMarksRepository } from './user-marks.repository';

/** Users whose marks are kept in this process at once; the least recently loaded go first. */
const CACHED_USERS = 1000;
/** A user with more marks than this is always asked of the database (bounded memory per user). */
const MAX_MARKS_PER_USER = 2000;
/** Backstop when an invalidation from another replica is lost (Redis down): flags are never older than this. */
const MAX_AGE_MS = 15_000;

interface Entry {
  flags: Map<number, UserMovieFlags>;
  loadedAt: number;
}

/**
 * Each user's `favorite`, `inWatchlist` and `myRating` marks, kept in this process so the hot
 * movie lists merge them without a database round trip per request. Writes in
 * this process drop the user's entry at once; writes in other replicas drop it
 * through a Redis channel; entries also expire after MAX_AGE_MS. Nothing of one
 * user is ever served to another: entries are keyed by user.
 */
@Injectable()
export class UserMarksCache extends UserMarksPort implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('UserMarksCache');
  private readonly entries = new Map<number, Entry>();
  /** Bumped by every invalidation, so a load that started before a write never stores what it read. */
  private readonly generations = new Map<number, number>();
  private readonly channel: RedisChannel;

  constructor(
    private readonly repository: UserMarksRepository,
    redis: RedisConnection,
  ) {
    super();
    this.channel = new RedisChannel(redis, 'user-flags-changed', this.logger);
  }

  onModuleInit(): void {
    // While the subscription is down, MAX_AGE_MS bounds how stale another replica's writes can look here.
    this.channel.listen((message) => this.forget(Number(message)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }

  async forMovies(userId: number, tmdbIds: readonly number[]): Promise<Map<number, UserMovieFlags>> {
    const marks = await this.marksOf(userId);
    if (!marks) return this.repository.forMovies(userId, tmdbIds);
    return new Map(tmdbIds.map((tmdbId) => [tmdbId, marks.get(tmdbId) ?? NO_FLAGS]));
  }

  /** Call after any change of the user's favorites, watchlist or ratings. */
  async invalidate(userId: number): Promise<void> {
    this.forget(userId);
    await this.channel.publish(String(userId));
  }

  private async marksOf(userId: number): Promise<Map<number, UserMovieFlags> | undefined> {
    const cached = this.entries.get(userId);
    if (cached && Date.now() - cached.loadedAt < MAX_AGE_MS) return cached.flags;
    const generation = this.generations.get(userId) ?? 0;
    const flags = await this.repository.allMarked(userId, MAX_MARKS_PER_USER);
    if (flags && (this.generations.get(userId) ?? 0) === generation) {
      this.entries.delete(userId);
      this.entries.set(userId, { flags, loadedAt: Date.now() });
      if (this.entries.size > CACHED_USERS) this.entries.delete(this.entries.keys().next().value as number);
    }
    return flags;
  }

  private forget(userId: number): void {
    if (!Number.isSafeInteger(userId)) return;
    this.entries.delete(userId);
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
  }
}

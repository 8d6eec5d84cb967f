import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RedisChannel } from '../infra/redis/redis-channel';
import { RedisConnection } from '../infra/redis/redis-connection';

/** What the hot path needs to know of a user: linked or not, and how old their local copy is. */
export interface LinkState {
  linked: boolean;
  /** Epoch ms of the last refresh; null while the merge is pending or never refreshed. */
  refreshedAt: number | null;
}

const NOT_LINKED: LinkState = { linked: false, refreshedAt: null };
/** Users whose state this process keeps; the least recently loaded go first. */
const CACHED_USERS = 10_000;
/** Backstop when an invalidation from another replica is lost (Redis down). Writes never rely on it. */
const MAX_AGE_MS = 30_000;

/**
 * Who is linked, per replica, so the movie lists of the (many) users without a
 * link cost no database round trip. Links made, dropped or refreshed anywhere
 * are announced on a Redis channel, as the user-marks cache does; entries also
 * expire after MAX_AGE_MS. Only reads trust this: a write always asks the database.
 */
@Injectable()
export class LinkedUsersCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LinkedUsersCache');
  private readonly entries = new Map<number, LinkState & { loadedAt: number }>();
  private readonly generations = new Map<number, number>();
  private readonly channel: RedisChannel;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    redis: RedisConnection,
  ) {
    this.channel = new RedisChannel(redis, 'tmdb-links-changed', this.logger);
  }

  onModuleInit(): void {
    this.channel.listen((message) => this.forget(Number(message)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }

  async state(userId: number): Promise<LinkState> {
    const cached = this.entries.get(userId);
    if (cached && Date.now() - cached.loadedAt < MAX_AGE_MS) return cached;
    return this.load(userId);
  }

  /** Reads the state from the database and keeps it, unless a change was announced while reading. */
  async load(userId: number): Promise<LinkState> {
    const generation = this.generations.get(userId) ?? 0;
    const rows: Array<{ refreshed_at: Date | null; merge_pending: boolean }> = await this.dataSource.query(
      `SELECT refreshed_at, merge_pending FROM tmdb_account_links WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    const state: LinkState = row
      ? { linked: true, refreshedAt: row.merge_pending || !row.refreshed_at ? null : row.refreshed_at.getTime() }
      : NOT_LINKED;
    if ((this.generations.get(userId) ?? 0) === generation) {
      this.entries.delete(userId);
      this.entries.set(userId, { ...state, loadedAt: Date.now() });
      if (this.entries.size > CACHED_USERS) this.entries.delete(this.entries.keys().next().value as number);
    }
    return state;
  }

  /** Call after a link is made, dropped or refreshed: every replica reads it again. */
  async changed(userId: number): Promise<void> {
    this.forget(userId);
    await this.channel.publish(String(userId));
  }

  private forget(userId: number): void {
    if (!Number.isSafeInteger(userId)) return;
    this.entries.delete(userId);
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
  }
}

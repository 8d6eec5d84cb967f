import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { RedisChannel } from '../infra/redis/redis-channel';
import { RedisConnection } from '../infra/redis/redis-connection';
import { RevocationsRepository, UserRevocationState } from './revocations.repository';

/** The parts of a verified JWT that revocation looks at. */
export interface RevocableClaims {
  userId: number;
  /** `jti`; tokens issued before revocation existed have none. */
  tokenId?: string;
  /** `ver`; absent means 0. */
  tokenVersion?: number;
}

/** Users whose revocation state this replica keeps at once; the least recently loaded go first. */
const CACHED_USERS = 10_000;
/** A user with more live revoked tokens than this is asked of the database per request (bounded memory). */
const MAX_TOKEN_IDS_PER_USER = 1000;
/** Backstop when an invalidation from another replica is lost (Redis down): revocations take effect within this. */
const MAX_AGE_MS = 15_000;

interface Entry {
  state: UserRevocationState | undefined;
  loadedAt: number;
}

/**
 * Whether a verified JWT has been revoked (POST /auth/logout, /auth/logout-all),
 * answered from a per-replica cache so the hot path gains no database round
 * trip: each user's token version and revoked token ids are loaded once,
 * dropped at once here when they change, dropped on the other replicas through
 * a Redis channel, and reloaded at least every MAX_AGE_MS. Call `isRevoked`
 * only after the signature is verified: the claims are trusted from then on.
 */
@Injectable()
export class TokenRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TokenRevocations');
  private readonly entries = new Map<number, Entry>();
  /** Bumped by every invalidation, so a load that started before a revocation never stores what it read. */
  private readonly generations = new Map<number, number>();
  private readonly channel: RedisChannel;

  constructor(
    private readonly repository: RevocationsRepository,
    redis: RedisConnection,
  ) {
    this.channel = new RedisChannel(redis, 'auth-revoked', this.logger);
  }

  onModuleInit(): void {
    this.channel.listen((message) => this.forget(Number(message)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }

  async isRevoked(claims: RevocableClaims): Promise<boolean> {
    const state = await this.stateOf(claims.userId);
    if (!state) return true; // the user no longer exists
    if ((claims.tokenVersion ?? 0) < state.tokenVersion) return true;
    if (claims.tokenId === undefined) return false;
    if (state.revokedTokenIds) return state.revokedTokenIds.has(claims.tokenId);
    return this.repository.isTokenRevoked(claims.tokenId);
  }

  /** Ends one JWT (by its `jti`) on every replica. */
  async revokeToken(userId: number, tokenId: string, expiresAt: Date): Promise<void> {
    await this.repository.revokeToken(userId, tokenId, expiresAt);
    await this.invalidate(userId);
  }

  /** Ends every JWT issued to the user until now, on every replica. */
  async revokeAll(userId: number): Promise<void> {
    await this.repository.revokeAll(userId);
    await this.invalidate(userId);
  }

  private async invalidate(userId: number): Promise<void> {
    this.forget(userId);
    await this.channel.publish(String(userId));
  }

  private async stateOf(userId: number): Promise<UserRevocationState | undefined> {
    const cached = this.entries.get(userId);
    if (cached && Date.now() - cached.loadedAt < MAX_AGE_MS) return cached.state;
    const generation = this.generations.get(userId) ?? 0;
    const state = await this.repository.stateOf(userId, MAX_TOKEN_IDS_PER_USER);
    if ((this.generations.get(userId) ?? 0) === generation) {
      this.entries.delete(userId);
      this.entries.set(userId, { state, loadedAt: Date.now() });
      if (this.entries.size > CACHED_USERS) this.entries.delete(this.entries.keys().next().value as number);
    }
    return state;
  }

  private forget(userId: number): void {
    if (!Number.isSafeInteger(userId)) return;
    this.entries.delete(userId);
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
  }
}

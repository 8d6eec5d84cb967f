import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RateLimitedError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { RedisChannel } from '../infra/redis/redis-channel';
import { RedisConnection } from '../infra/redis/redis-connection';
import { Clock, WindowCounter } from '../infra/rate-limit/window-counter';

const WINDOW_MS = 60_000;
/** Blocked clients remembered by this replica at once; a client past this is still counted in Redis. */
const MAX_BLOCKED = 50_000;

/**
 * Bounds guessing of bearer tokens: failed authentications are counted per
 * client (see clientKey) in a one-minute window shared by the replicas, and
 * past AUTH_FAILURES_PER_MINUTE the client is blocked until the window ends.
 * Whether a client is blocked is answered from this replica's memory before
 * any token is looked at (so a blocked guesser learns nothing, and a valid
 * request pays no round trip); the replica that sees the limit crossed tells
 * the others through Redis.
 */
@Injectable()
export class AuthFailureLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuthFailures');
  private readonly blockedUntil = new Map<string, number>();
  private readonly channel: RedisChannel;
  private readonly limit: number;

  constructor(
    private readonly counter: WindowCounter,
    redis: RedisConnection,
    config: ConfigService<Settings, true>,
    private readonly now: Clock = Date.now,
  ) {
    this.limit = config.get('auth', { infer: true }).failuresPerMinute;
    this.channel = new RedisChannel(redis, 'auth-failures-blocked', this.logger);
  }

  onModuleInit(): void {
    this.channel.listen((message) => {
      const [client, until] = message.split(' ');
      if (client && Number.isSafeInteger(Number(until))) this.block(client, Number(until));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }

  /** Throws 429 while the client is blocked; no I/O. */
  assertNotBlocked(client: string): void {
    const until = this.blockedUntil.get(client);
    if (until === undefined) return;
    const msLeft = until - this.now();
    if (msLeft <= 0) {
      this.blockedUntil.delete(client);
      return;
    }
    throw tooMany(msLeft / 1000);
  }

  /** Counts a failed authentication; blocks the client at the limit, and throws 429 (instead of the caller's 401) past it. */
  async recordFailure(client: string): Promise<void> {
    const [{ count, secondsLeft }] = await this.counter.hit([`auth-failures:${client}`], WINDOW_MS);
    if (count < this.limit) return;
    // The limit-th failure still gets its 401; from the next request on, the client is refused before any work.
    const until = this.now() + secondsLeft * 1000;
    if (!this.blockedUntil.has(client)) {
      this.logger.warn({ msg: 'client blocked after failed authentications', client, failures: count, seconds: secondsLeft });
      await this.channel.publish(`${client} ${until}`);
    }
    this.block(client, until);
    if (count > this.limit) throw tooMany(secondsLeft);
  }

  private block(client: string, until: number): void {
    if (this.blockedUntil.size >= MAX_BLOCKED) this.sweep();
    this.blockedUntil.set(client, until);
  }

  private sweep(): void {
    const now = this.now();
    for (const [client, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(client);
    if (this.blockedUntil.size >= MAX_BLOCKED) this.blockedUntil.delete(this.blockedUntil.keys().next().value as string);
  }
}

function tooMany(seconds: number): RateLimitedError {
  return new RateLimitedError(
    'TooManyAuthenticationFailures',
    'Too many failed authentications from this client; retry after the number of seconds in Retry-After.',
    seconds,
  );
}

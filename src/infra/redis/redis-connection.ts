import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createClient, RedisClientType } from '@keyv/redis';
import { Settings } from '../../config/settings';

/**
 * The one Redis connection of the process (cache and rate limiter share it), or
 * none when REDIS_URL is unset. Commands fail fast while Redis is unreachable
 * (no offline queue), so callers can degrade instead of hanging, and the client
 * keeps reconnecting in the background.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client?: RedisClientType;
  /** Prefix of every key we write, so several deployments (or test runs) can share one Redis. */
  readonly keyPrefix: string;
  private lastErrorLoggedAt = 0;

  constructor(config: ConfigService<Settings, true>) {
    const { redisUrl, keyPrefix } = config.get('cache', { infer: true });
    this.keyPrefix = keyPrefix;
    if (!redisUrl) return;
    this.client = createClient({
      url: redisUrl,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2000,
        // Back off up to 2 s between attempts, forever: Redis coming back must heal us without a restart.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 6), 2000),
      },
    }) as RedisClientType;
    this.client.on('error', (error: Error) => this.logThrottled(error));
    this.client.on('ready', () => this.logger.log('Redis connection ready'));
    // Connect in the background: a Redis outage at startup must not stop the service.
    this.client.connect().catch((error: Error) => this.logThrottled(error));
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  get ready(): boolean {
    return this.client?.isReady ?? false;
  }

  async ping(): Promise<boolean> {
    if (!this.client?.isReady) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    try {
      if (this.client.isOpen) await this.client.close();
    } catch {
      this.client.destroy();
    }
  }

  /** A dead Redis emits an error per reconnect attempt; one line every 10 s is enough. */
  private logThrottled(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = now;
    this.logger.warn({ msg: 'Redis unavailable; serving without the shared cache', error: error.message });
  }
}

import { Logger } from '@nestjs/common';
import type { RedisClientType } from '@keyv/redis';
import { RedisConnection } from './redis-connection';

/**
 * A Redis pub/sub channel between the replicas, on a connection of its own
 * (a subscribed connection can do nothing else). Without Redis, or while it is
 * down, publishing does nothing and the caller's own backstop (an entry's
 * maximum age) bounds what another replica may miss.
 */
export class RedisChannel {
  private subscriber?: RedisClientType;
  private readonly name: string;

  constructor(
    private readonly redis: RedisConnection,
    channel: string,
    private readonly logger: Logger,
  ) {
    this.name = `${redis.keyPrefix}${channel}`;
  }

  /** Starts listening in the background; a failure is logged, never thrown. */
  listen(onMessage: (message: string) => void): void {
    if (!this.redis.client) return;
    this.subscriber = this.redis.client.duplicate() as RedisClientType;
    this.subscriber.on('error', () => undefined);
    this.subscriber
      .connect()
      .then(() => this.subscriber?.subscribe(this.name, onMessage))
      .catch((error: Error) => this.logger.warn({ msg: `messages of ${this.name} from other replicas unavailable`, error: error.message }));
  }

  async publish(message: string): Promise<void> {
    const client = this.redis.client;
    if (!client?.isReady) return;
    await client.publish(this.name, message).catch((error: Error) => {
      this.logger.warn({ msg: `could not tell other replicas on ${this.name}`, error: error.message });
    });
  }

  async close(): Promise<void> {
    if (this.subscriber?.isOpen) await this.subscriber.close().catch(() => this.subscriber?.destroy());
  }
}

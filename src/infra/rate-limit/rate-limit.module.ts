import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { Settings } from '../../config/settings';
import { RedisConnection } from '../redis/redis-connection';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const ONE_MINUTE_MS = 60_000;

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, RedisConnection],
      useFactory: (config: ConfigService<Settings, true>, redis: RedisConnection) => ({
        throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: config.get('app', { infer: true }).rateLimitPerMinute }],
        storage: new RedisThrottlerStorage(redis),
        errorMessage: 'Too many requests; slow down and retry after the number of seconds in Retry-After.',
      }),
    }),
  ],
})
export class RateLimitModule {}

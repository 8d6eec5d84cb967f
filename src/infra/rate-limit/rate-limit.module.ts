import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from '../../config/settings';
import { RedisConnection } from '../redis/redis-connection';
import { RateLimitOptions } from './rate-limit.options';
import { SharedRateCounter } from './shared-rate-counter';

/** What the global RateLimitGuard (bound in AppModule) counts with. */
@Module({
  providers: [
    {
      provide: RateLimitOptions,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) => new RateLimitOptions(config.get('app', { infer: true }).rateLimitPerMinute),
    },
    { provide: SharedRateCounter, inject: [RedisConnection], useFactory: (redis: RedisConnection) => new SharedRateCounter(redis) },
  ],
  exports: [RateLimitOptions, SharedRateCounter],
})
export class RateLimitModule {}

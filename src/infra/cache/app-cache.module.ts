import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import KeyvRedis from '@keyv/redis';
import type { CacheManagerOptions } from '@nestjs/cache-manager';
import { Keyv } from 'keyv';
import { CacheableMemory } from 'cacheable';
import { RedisConnection } from '../redis/redis-connection';
import { AppCache } from './app-cache';

/** In-process entries kept at most; beyond it the least recently used go first. */
const MEMORY_CACHE_ENTRIES = 5000;

@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => ({
        stores: [
          redis.client
            ? new Keyv({
                store: new KeyvRedis(redis.client, { throwOnConnectError: false, throwOnErrors: true }),
                namespace: `${redis.keyPrefix}cache`,
                useKeyPrefix: true,
              })
            : new Keyv({ store: new CacheableMemory({ lruSize: MEMORY_CACHE_ENTRIES }) }),
          // keyv resolves to its CommonJS and ESM builds in different packages; the objects are the same.
        ] as unknown as CacheManagerOptions['stores'],
      }),
    }),
  ],
  providers: [AppCache],
  exports: [AppCache],
})
export class AppCacheModule {}

import { HttpModule, HttpService } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from '../config/settings';
import { AppCache } from '../infra/cache/app-cache';
import { Metrics } from '../infra/metrics/metrics';
import { UpstreamPacer } from '../infra/pacing/upstream-pacer';
import { TmdbAdapter } from './tmdb.adapter';
import { TmdbPort } from './tmdb.port';
import { DEFAULT_RETRY_TIMING, RetryPolicy } from './upstream/retry-policy';
import { StaleCache } from './upstream/stale-cache';
import { TmdbHttpClient } from './upstream/tmdb-http.client';

type Config = ConfigService<Settings, true>;

/**
 * TMDB behind its port: the HTTP client (timeouts, retries), the
 * fresh-or-stale cache, and the adapter mapping payloads. Imported by the
 * features that read movies; MoviesModule re-exports it.
 */
@Module({
  imports: [
    HttpModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const tmdb = config.get('tmdb', { infer: true });
        return {
          baseURL: tmdb.baseUrl,
          headers: { Authorization: `Bearer ${tmdb.apiToken ?? ''}`, Accept: 'application/json' },
          maxRedirects: 0,
        };
      },
    }),
  ],
  providers: [
    {
      provide: TmdbHttpClient,
      inject: [HttpService, ConfigService, Metrics],
      useFactory: (http: HttpService, config: Config, metrics: Metrics) => {
        const upstream = config.get('upstream', { infer: true });
        const pace = config.get('tmdb', { infer: true }).requestsPerSecond;
        const policy = new RetryPolicy({ retries: upstream.retries, ...DEFAULT_RETRY_TIMING });
        return new TmdbHttpClient(http, policy, upstream.timeoutMs, metrics, new UpstreamPacer(() => pace));
      },
    },
    {
      provide: StaleCache,
      inject: [AppCache, Metrics, ConfigService],
      useFactory: (cache: AppCache, metrics: Metrics, config: Config) => {
        const { ttlSeconds, staleTtlSeconds } = config.get('cache', { infer: true });
        return new StaleCache(cache, metrics, { name: 'tmdb', freshMs: ttlSeconds * 1000, staleMs: staleTtlSeconds * 1000 });
      },
    },
    {
      provide: TmdbPort,
      inject: [TmdbHttpClient, StaleCache, ConfigService],
      useFactory: (client: TmdbHttpClient, cache: StaleCache, config: Config) =>
        new TmdbAdapter(client, cache, { configured: Boolean(config.get('tmdb', { infer: true }).apiToken) }),
    },
  ],
  // The client too, for other TMDB calls (the account routes) to take their turn in the same pace.
  exports: [TmdbPort, TmdbHttpClient],
})
export class TmdbModule {}

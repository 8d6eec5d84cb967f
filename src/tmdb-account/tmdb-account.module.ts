import { HttpModule, HttpService } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Settings } from '../config/settings';
import { Metrics } from '../infra/metrics/metrics';
import { TmdbModule } from '../movies/tmdb.module';
import { DEFAULT_RETRY_TIMING, RetryPolicy } from '../movies/upstream/retry-policy';
import { TmdbHttpClient } from '../movies/upstream/tmdb-http.client';
import { UserMarksModule } from '../user-marks/user-marks.module';
import { AccountCredentials } from './account-credentials';
import { AccountLinksRepository } from './account-links.repository';
import { AccountRefresher } from './account-refresher';
import { AccountSync } from './account-sync';
import { LinkClock } from './clock';
import { LinkRequestsRepository } from './link-requests.repository';
import { LinkedAccountService } from './linked-account.service';
import { LinkedUserMarks } from './linked-user-marks';
import { LinkedUsersCache } from './linked-users.cache';
import { LocalLists } from './local-lists';
import { RejectedLinks } from './rejected-links';
import { TmdbAccountAdapter } from './tmdb-account.adapter';
import { TmdbAccountController } from './tmdb-account.controller';
import { TmdbAccountHttp } from './tmdb-account.http';
import { TmdbAccountPort } from './tmdb-account.port';
import { TmdbAccountService } from './tmdb-account.service';

type Config = ConfigService<Settings, true>;

/**
 * Users' own TMDb accounts: linking (routes /me/tmdb-account*), the sealed
 * credentials, and keeping favorites and the watchlist in step with the
 * account. Exports LinkedAccountService and LinkedUserMarks, which AppModule
 * binds as LinkedAccountPort and UserMarksPort.
 */
@Module({
  imports: [
    HttpModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => ({
        headers: { Authorization: `Bearer ${config.get('tmdb', { infer: true }).apiToken ?? ''}`, Accept: 'application/json' },
        maxRedirects: 0,
      }),
    }),
    UserMarksModule,
    TmdbModule,
  ],
  controllers: [TmdbAccountController],
  providers: [
    {
      provide: TmdbAccountPort,
      inject: [HttpService, ConfigService, Metrics, TmdbHttpClient],
      useFactory: (http: HttpService, config: Config, metrics: Metrics, movieReads: TmdbHttpClient) => {
        const upstream = config.get('upstream', { infer: true });
        const client = new TmdbAccountHttp(
          http,
          new RetryPolicy({ retries: upstream.retries, ...DEFAULT_RETRY_TIMING }),
          upstream.timeoutMs,
          metrics,
          // Account calls share the replica's TMDB pace (TMDB_REQUESTS_PER_SECOND) with the movie reads.
          (attempt) => movieReads.paced(attempt),
        );
        return new TmdbAccountAdapter(client, config.get('tmdb', { infer: true }).baseUrl);
      },
    },
    LinkClock,
    AccountCredentials,
    AccountLinksRepository,
    LinkRequestsRepository,
    LinkedUsersCache,
    RejectedLinks,
    LocalLists,
    AccountSync,
    AccountRefresher,
    TmdbAccountService,
    LinkedAccountService,
    LinkedUserMarks,
  ],
  exports: [LinkedAccountService, LinkedUserMarks],
})
export class TmdbAccountModule {}

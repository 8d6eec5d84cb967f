import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Global, Inject, Module, Optional, Query, Req, Res, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthGuard } from '../../src/auth/auth.guard';
import { Authenticator } from '../../src/auth/authenticator';
import { AuthFailureLimiter } from '../../src/auth/auth-failure-limiter';
import { StaticTokenUsers } from '../../src/auth/static-token-users';
import { TokenRevocations } from '../../src/auth/token-revocations';
import type { StaticTokenSetting } from '../../src/config/settings';
import { WindowCounter } from '../../src/infra/rate-limit/window-counter';
import { RedisConnection } from '../../src/infra/redis/redis-connection';
import { ConfigService } from '@nestjs/config';
import { Auth } from '../../src/common/auth/auth.decorators';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { SettingsModule } from '../../src/config/config.module';
import { loadSettings, Settings } from '../../src/config/settings';
import { AppCacheModule } from '../../src/infra/cache/app-cache.module';
import {
  applyApiPrefix,
  useAccessLog,
  useCors,
  useRequestGuards,
  useRequestIds,
  useRequestMetrics,
  useSecurityHeaders,
} from '../../src/infra/http/http-server';
import { registerRepresentationPlugins } from '../../src/infra/http/representation';
import { requestIdFor } from '../../src/infra/http/request-id';
import { createValidationPipe } from '../../src/infra/http/validation.pipe';
import { createRootLogger } from '../../src/infra/logging/root-logger';
import { Metrics } from '../../src/infra/metrics/metrics';
import { MetricsModule } from '../../src/infra/metrics/metrics.module';
import { RateLimitGuard } from '../../src/infra/rate-limit/rate-limit.guard';
import { RateLimitModule } from '../../src/infra/rate-limit/rate-limit.module';
import { RedisModule } from '../../src/infra/redis/redis.module';
import { PopularMoviesQuery } from '../../src/movies/dto/movie-queries.dto';
import { PageJson } from '../../src/movies/page-json';
import { TmdbModule } from '../../src/movies/tmdb.module';
import { TmdbPort } from '../../src/movies/tmdb.port';
import { NO_FLAGS, UserMarksPort } from '../../src/movies/user-marks.port';
import { UserMarksCache } from '../../src/user-marks/user-marks.cache';
import { UserMarksRepository } from '../../src/user-marks/user-marks.repository';
import { LADDER, Layer } from './layers';

/**
 * One rung of the ladder: a Nest application on Fastify with the product's own layers up to one of them, in the
 * order the product installs them, answering GET /api/v1/movies/popular. Up to the cache lookup it answers the
 * very bytes the real service answered (read from a file); from the cache lookup on, the answer is made by the
 * product's code (the TMDB adapter's cache, the per-user flags cache, PageJson). Only what would need a database
 * is replaced: the static token's user and the user's marks come from memory.
 *
 * Usage: node ladder-server.js <layer> <port> <body file>; writes one JSON line with a JWT to stderr when listening.
 */
const [layerName, port, bodyFile] = process.argv.slice(2);
const upTo = LADDER.indexOf(layerName as Layer);
if (upTo < 0) throw new Error(`unknown layer ${layerName}`);
const has = (layer: Layer) => LADDER.indexOf(layer) <= upTo;
const BODY = readFileSync(bodyFile, 'utf8');
const settings = loadSettings(process.env);

const LADDER_LAYERS = Symbol('layers');

@Controller('movies')
class LadderController {
  constructor(
    @Inject(LADDER_LAYERS) private readonly on: (layer: Layer) => boolean,
    @Optional() private readonly tmdb?: TmdbPort,
    @Optional() private readonly marks?: UserMarksPort,
  ) {}

  @Get('popular')
  @Auth()
  async popular(
    @Req() request: FastifyRequest & { user?: AuthUser },
    @Query() query: PopularMoviesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    reply.header('content-type', 'application/json; charset=utf-8');
    if (!this.on('cache') || !this.tmdb) return BODY;
    const { value, cache } = await this.tmdb.popular(query);
    reply.header('X-Cache', cache);
    reply.header('Cache-Control', 'private, no-cache');
    if (!this.on('flags') || !this.marks) return BODY;
    const page = PageJson.of(value);
    const flags = await this.marks.forMovies(request.user?.id ?? 2, page.ids);
    if (!this.on('serialization')) return BODY;
    const { json, etag } = page.render((tmdbId) => flags.get(tmdbId) ?? NO_FLAGS);
    // As the service's PageLinksInterceptor does: the tag comes with the pieces, so the ETag plugin hashes nothing.
    reply.header('etag', etag);
    return json;
  }
}

/** The users of the static tokens, without a database. */
const USER_IDS = new Map([
  ['admin', 1],
  ['consumer', 2],
]);
const staticTokenUsers = {
  bind: async (tokens: StaticTokenSetting[]) =>
    tokens.map(({ token, username, role }) => ({ token, user: { id: USER_IDS.get(username) ?? 0, username, role } })),
};

@Global()
@Module({})
class LadderModule {
  static forLayers(): DynamicModule {
    const providers: Provider[] = [{ provide: LADDER_LAYERS, useValue: has }];
    const imports: DynamicModule['imports'] = [SettingsModule.forRoot(settings), RedisModule, MetricsModule];
    if (has('validation')) providers.push({ provide: APP_PIPE, useFactory: createValidationPipe });
    if (has('auth-static')) {
      imports.push(
        JwtModule.register({
          secret: settings.auth.jwtSecret,
          signOptions: { algorithm: 'HS256', expiresIn: 3600, issuer: 'cinemateca', audience: 'cinemateca-api' },
          verifyOptions: { algorithms: ['HS256'], issuer: 'cinemateca', audience: 'cinemateca-api' },
        }),
      );
      providers.push(Authenticator, { provide: StaticTokenUsers, useValue: staticTokenUsers });
      // Revocation state comes from the database through a per-replica cache; nobody is revoked here.
      providers.push({ provide: TokenRevocations, useValue: { isRevoked: async () => false } });
      providers.push(
        { provide: WindowCounter, inject: [RedisConnection], useFactory: (redis: RedisConnection) => new WindowCounter(redis) },
        {
          provide: AuthFailureLimiter,
          inject: [WindowCounter, RedisConnection, ConfigService],
          useFactory: (counter: WindowCounter, redis: RedisConnection, config: ConfigService<Settings, true>) =>
            new AuthFailureLimiter(counter, redis, config),
        },
      );
      providers.push({ provide: APP_GUARD, useClass: AuthGuard });
    }
    if (has('rate-limit')) {
      imports.push(RateLimitModule);
      providers.push({ provide: APP_GUARD, useClass: RateLimitGuard });
    }
    if (has('cache')) imports.push(AppCacheModule, TmdbModule);
    if (has('flags')) {
      // The bench's user has marked nothing when the hot path is measured: the same bytes as the service's.
      const marked = new Map();
      providers.push(UserMarksCache, { provide: UserMarksRepository, useValue: { allMarked: async () => marked } });
      providers.push({ provide: UserMarksPort, useExisting: UserMarksCache });
    }
    return { module: LadderModule, imports, controllers: [LadderController], providers };
  }
}

async function main(): Promise<void> {
  const log = createRootLogger(settings.app.logLevel);
  const adapter = new FastifyAdapter({
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ...(has('request-id') ? { genReqId: requestIdFor } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(LadderModule.forLayers(), adapter, { logger: false });
  const fastify = app.getHttpAdapter().getInstance();
  if (has('helmet')) useSecurityHeaders(fastify);
  if (has('cors')) useCors(app, settings.app);
  if (has('representation')) await registerRepresentationPlugins(app);
  applyApiPrefix(app);
  if (has('request-id')) useRequestIds(fastify);
  if (has('hooks')) useRequestGuards(fastify);
  if (has('access-log')) useAccessLog(fastify, log);
  if (has('metrics')) useRequestMetrics(fastify, app.get(Metrics));
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  const jwt = has('auth-static') ? app.get(Authenticator).issue({ id: 2, username: 'consumer', role: 'USER', tokenVersion: 0 }) : '';
  process.stderr.write(`${JSON.stringify({ jwt })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`ladder: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

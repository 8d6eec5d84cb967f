import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { SettingsModule } from './config/config.module';
import { Settings } from './config/settings';
import { AppCacheModule } from './infra/cache/app-cache.module';
import { DatabaseModule } from './infra/database/database.module';
import { HealthModule } from './infra/health/health.module';
import { createValidationPipe } from './infra/http/validation.pipe';
import { MetricsModule } from './infra/metrics/metrics.module';
import { RateLimitGuard } from './infra/rate-limit/rate-limit.guard';
import { RateLimitModule } from './infra/rate-limit/rate-limit.module';
import { RedisModule } from './infra/redis/redis.module';
import { FavoritesModule } from './favorites/favorites.module';
import { WatchlistModule } from './watchlist/watchlist.module';
import { MoviesModule } from './movies/movies.module';
import { RatingsModule } from './ratings/ratings.module';
import { SharedListsModule } from './shared-lists/shared-lists.module';
import { CatalogModule } from './catalog/catalog.module';
import { ReviewsModule } from './reviews/reviews.module';
import { OrdersModule } from './orders/orders.module';
import { PortBindingsModule } from './port-bindings.module';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        ScheduleModule.forRoot(),
        RedisModule,
        AppCacheModule,
        DatabaseModule,
        MetricsModule,
        HealthModule,
        RateLimitModule,
        AuthModule,
        PortBindingsModule,
        MoviesModule,
        FavoritesModule,
        WatchlistModule,
        RatingsModule,
        SharedListsModule,
        CatalogModule,
        ReviewsModule,
        OrdersModule,
      ],
      providers: [
        // Order matters: authenticate first, so the rate limiter can count per user.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}

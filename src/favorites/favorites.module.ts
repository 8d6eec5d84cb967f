import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TmdbModule } from '../movies/tmdb.module';
import { FavoriteEntity } from './entities/favorite.entity';
import { FavoriteDetailsLoader } from './favorite-details.loader';
import { FavoritesController } from './favorites.controller';
import { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';
import { UserFavoritesController } from './user-favorites.controller';
import { UserFlagsCache } from './user-flags.cache';
import { UserMovieFlagsRepository } from './user-movie-flags.repository';

/**
 * Favorites per user. Exports the list use case (shared lists show it) and the
 * per-user movie flags (movie lists merge them after the cache).
 */
@Module({
  imports: [TypeOrmModule.forFeature([FavoriteEntity]), TmdbModule, AuthModule],
  controllers: [FavoritesController, UserFavoritesController],
  providers: [FavoritesRepository, FavoritesService, FavoriteDetailsLoader, UserMovieFlagsRepository, UserFlagsCache],
  exports: [FavoritesService, UserMovieFlagsRepository, UserFlagsCache],
})
export class FavoritesModule {}

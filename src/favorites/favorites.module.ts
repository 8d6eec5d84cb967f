import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TmdbModule } from '../movies/tmdb.module';
import { FavoriteEntity } from './entities/favorite.entity';
import { MovieSnapshotsModule } from '../movie-snapshots/movie-snapshots.module';
import { FavoritesController } from './favorites.controller';
import { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';
import { UserFavoritesController } from './user-favorites.controller';
import { UserMarksModule } from '../user-marks/user-marks.module';

/**
 * Favorites per user. Exports the list use case (shared lists show it); every
 * change is told to the user-marks cache that movie lists merge flags from.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FavoriteEntity]), TmdbModule, MovieSnapshotsModule, AuthModule, UserMarksModule],
  controllers: [FavoritesController, UserFavoritesController],
  providers: [FavoritesRepository, FavoritesService],
  exports: [FavoritesService],
})
export class FavoritesModule {}

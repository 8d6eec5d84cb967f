import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FavoritesModule } from '../favorites/favorites.module';
import { MoviesController } from './movies.controller';
import { MoviesService } from './movies.service';
import { TmdbModule } from './tmdb.module';

/**
 * Movies from TMDB: the /movies routes, and TmdbPort (through TmdbModule)
 * for the features that resolve TMDB ids, such as reviews.
 */
@Module({
  imports: [TmdbModule, FavoritesModule, CatalogModule],
  controllers: [MoviesController],
  providers: [MoviesService],
  exports: [TmdbModule],
})
export class MoviesModule {}

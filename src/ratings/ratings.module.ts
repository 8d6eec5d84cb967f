import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FavoritesModule } from '../favorites/favorites.module';
import { TmdbModule } from '../movies/tmdb.module';
import { RatingEntity } from './entities/rating.entity';
import { RatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';

@Module({
  imports: [TypeOrmModule.forFeature([RatingEntity]), TmdbModule, FavoritesModule],
  controllers: [RatingsController],
  providers: [RatingsRepository, RatingsService],
})
export class RatingsModule {}

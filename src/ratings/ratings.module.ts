import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TmdbModule } from '../movies/tmdb.module';
import { UserMarksModule } from '../user-marks/user-marks.module';
import { RatingEntity } from './entities/rating.entity';
import { RatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';

@Module({
  imports: [TypeOrmModule.forFeature([RatingEntity]), TmdbModule, UserMarksModule],
  controllers: [RatingsController],
  providers: [RatingsRepository, RatingsService],
})
export class RatingsModule {}

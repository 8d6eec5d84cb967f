import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { MoviesModule } from '../movies/movies.module';
import { NotionModule } from '../notion-sync/notion.module';
import { ReviewEntity } from './entities/review.entity';
import { MovieReviewsController } from './movie-reviews.controller';
import { ReviewMirror } from './review-mirror.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReviewEntity]), CatalogModule, MoviesModule, NotionModule],
  controllers: [ReviewsController, MovieReviewsController],
  providers: [ReviewsService, ReviewsRepository, ReviewMirror],
  exports: [ReviewsRepository, ReviewMirror],
})
export class ReviewsModule {}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogMovieIdParams } from '../catalog/dto/catalog-movie.dto';
import { Auth } from '../common/auth/auth.decorators';
import { PagedList } from '../common/http/page-links';
import { PageQuery } from '../common/http/pagination';
import { ProblemResponse } from '../common/http/problem.dto';
import { ReviewPageResponse, ReviewResponse } from './dto/review.response';
import { ReviewsService } from './reviews.service';

@ApiTags('catalog')
@Controller('catalog/movies')
export class MovieReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/reviews')
  @Auth()
  @ApiOperation({ summary: "A catalog movie's reviews, oldest first" })
  @PagedList(ReviewPageResponse)
  @ApiBadRequestResponse({ description: 'Invalid input', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such catalog movie', type: ProblemResponse })
  async list(@Param() params: CatalogMovieIdParams, @Query() query: PageQuery): Promise<ReviewPageResponse> {
    const page = await this.reviews.listForMovie(params.id, query);
    return { ...page, items: page.items.map(ReviewResponse.from) };
  }
}

import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiGatewayTimeoutResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { CreatedAt } from '../common/http/created-location';
import { ProblemResponse } from '../common/http/problem.dto';
import { CreateReviewDto, ReviewIdParams, UpdateReviewDto } from './dto/review.dto';
import { ReviewResponse } from './dto/review.response';
import { ReviewsService } from './reviews.service';

/** The answers of a write that goes to Notion too. */
function NotionWriteResponses() {
  return applyDecorators(
    ApiBadGatewayResponse({ description: 'Notion failed; nothing was changed', type: ProblemResponse }),
    ApiServiceUnavailableResponse({
      description:
        'Notion is not configured, unavailable or rate limiting, too many review writes are waiting for Notion (see Retry-After), ' +
        'or the database failed; nothing was changed',
      type: ProblemResponse,
    }),
    ApiTooManyRequestsResponse({
      description: 'You already have several review writes in progress (see Retry-After); nothing was changed',
      type: ProblemResponse,
    }),
    ApiGatewayTimeoutResponse({ description: 'Notion did not answer in time; nothing was changed', type: ProblemResponse }),
  );
}

@ApiTags('reviews')
@ApiBadRequestResponse({ description: 'Invalid input', type: ProblemResponse })
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Review a movie (by catalog movieId or by tmdbId); stored in PostgreSQL and in Notion, or in neither',
    description: 'A tmdbId brings that movie into the catalog first (once, however many requests race). One review per user and movie.',
  })
  @CreatedAt(ReviewResponse, (review) => `/reviews/${review.id}`)
  @ApiNotFoundResponse({ description: 'No such catalog movie, or TMDB has no such movie', type: ProblemResponse })
  @ApiConflictResponse({ description: 'You have already reviewed this movie', type: ProblemResponse })
  @NotionWriteResponses()
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateReviewDto): Promise<ReviewResponse> {
    return ReviewResponse.from(await this.reviews.create(user, body));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One review' })
  @ApiOkResponse({ type: ReviewResponse })
  @ApiNotFoundResponse({ description: 'No such review', type: ProblemResponse })
  async get(@Param() params: ReviewIdParams): Promise<ReviewResponse> {
    return ReviewResponse.from(await this.reviews.get(params.id));
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Change a review (author or admin); updated in both stores or neither' })
  @ApiOkResponse({ type: ReviewResponse })
  @ApiForbiddenResponse({ description: 'Not the author, nor an admin', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such review', type: ProblemResponse })
  @ApiConflictResponse({
    description: 'The review is being changed by another request (answered at once, never queued)',
    type: ProblemResponse,
  })
  @NotionWriteResponses()
  async update(@CurrentUser() user: AuthUser, @Param() params: ReviewIdParams, @Body() body: UpdateReviewDto): Promise<ReviewResponse> {
    return ReviewResponse.from(await this.reviews.update(user, params.id, body));
  }

  @Delete(':id')
  @Auth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a review (author or admin): removed here and its Notion page moved to the trash, or neither' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'Not the author, nor an admin', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such review', type: ProblemResponse })
  @ApiConflictResponse({
    description: 'The review is being changed by another request (answered at once, never queued)',
    type: ProblemResponse,
  })
  @NotionWriteResponses()
  async delete(@CurrentUser() user: AuthUser, @Param() params: ReviewIdParams): Promise<void> {
    await this.reviews.delete(user, params.id);
  }
}

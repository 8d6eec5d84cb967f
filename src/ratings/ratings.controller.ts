import { Body, Controller, Delete, Get, HttpCode, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { PagedList } from '../common/http/page-links';
import { PageQuery } from '../common/http/pagination';
import { ProblemResponse } from '../common/http/problem.dto';
import { TmdbId } from '../common/http/id-params';
import { ApiUpstreamProblems } from '../common/http/upstream-problems';
import { RateMovieDto } from './dto/rate-movie.dto';
import { RatingPage, RatingResponse } from './dto/rating.response';
import { RatingsService } from './ratings.service';

@ApiTags('ratings')
@Auth()
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('me/ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Put(':tmdbId')
  @ApiOperation({
    summary: "Rate a movie (create or correct the caller's rating)",
    description:
      'stars is a JSON number from 0 to 5 in steps of 0.5. A first rating needs the movie to exist in TMDB (404 otherwise); ' +
      'a correction of an existing rating does not ask TMDB again.',
  })
  @ApiCreatedResponse({ type: RatingResponse, description: 'Rating created' })
  @ApiOkResponse({ type: RatingResponse, description: 'Existing rating corrected' })
  @ApiBadRequestResponse({ description: 'Invalid id or stars (5.5, -1, 2.25, "five", "4", null)', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'TMDB has no such movie', type: ProblemResponse })
  @ApiUpstreamProblems()
  async rate(
    @CurrentUser() user: AuthUser,
    @TmdbId() tmdbId: number,
    @Body() body: RateMovieDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RatingResponse> {
    const { rating, created } = await this.ratings.rate(user.id, tmdbId, body.stars);
    reply.status(created ? 201 : 200);
    return rating;
  }

  @Get()
  @ApiOperation({ summary: "The caller's ratings, most recently changed first" })
  @PagedList(RatingPage)
  @ApiBadRequestResponse({ description: 'Invalid page or pageSize', type: ProblemResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<RatingPage> {
    return this.ratings.list(user.id, query);
  }

  @Delete(':tmdbId')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete the caller's rating of a movie" })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBadRequestResponse({ description: 'Invalid id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'The caller has not rated that movie', type: ProblemResponse })
  remove(@CurrentUser() user: AuthUser, @TmdbId() tmdbId: number): Promise<void> {
    return this.ratings.remove(user.id, tmdbId);
  }
}

import { Controller, Delete, Get, HttpCode, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiExtraModels,
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
import { PagedList, SerializedPage } from '../common/http/page-links';
import { ProblemResponse } from '../common/http/problem.dto';
import { CountryWatchProvidersResponse } from '../movies/dto/movie-parts.response';
import { TmdbId } from '../common/http/id-params';
import { ApiUpstreamProblems } from '../common/http/upstream-problems';
import { FavoriteMoviePage, FavoriteResponse } from './dto/favorite.response';
import { FavoritesQuery } from './dto/favorites-query.dto';
import { FavoritesService } from './favorites.service';

export const FAVORITES_LIST_DESCRIPTION =
  'Ordered by release date (newest first), then by rating (highest first); `sort=rating` orders by rating first. ' +
  'Unknown release dates and unrated movies come last in either order. Each item has the full TMDB details, ' +
  'answered at once from a copy kept for all users (`detailsFetchedAt` says when it was taken from TMDB; copies older ' +
  'than the cache TTL are refreshed in the background); only a movie with no copy yet waits on TMDB. When TMDB cannot ' +
  'give them, the item still appears with the title, release date and poster stored when it was added, and ' +
  '`detailsPartial: true`.';

@ApiTags('favorites')
@Auth()
@ApiExtraModels(CountryWatchProvidersResponse)
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('me/favorites')
export class FavoritesController {
  constructor(private readonly favorites: FavoritesService) {}

  @Get()
  @ApiOperation({ summary: "The caller's favorites with full details and the caller's rating", description: FAVORITES_LIST_DESCRIPTION })
  @PagedList(FavoriteMoviePage)
  @ApiBadRequestResponse({ description: 'Invalid page, pageSize, sort or order', type: ProblemResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: FavoritesQuery): Promise<SerializedPage> {
    return this.favorites.list(user.id, query);
  }

  @Put(':tmdbId')
  @ApiOperation({ summary: 'Add a movie to the favorites', description: 'Idempotent: 201 when added, 200 when it was already there.' })
  @ApiCreatedResponse({ type: FavoriteResponse, description: 'Added' })
  @ApiOkResponse({ type: FavoriteResponse, description: 'Already a favorite' })
  @ApiBadRequestResponse({ description: 'Invalid id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'TMDB has no such movie', type: ProblemResponse })
  @ApiUpstreamProblems()
  async add(
    @CurrentUser() user: AuthUser,
    @TmdbId() tmdbId: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FavoriteResponse> {
    const { favorite, created } = await this.favorites.add(user.id, tmdbId);
    reply.status(created ? 201 : 200);
    return favorite;
  }

  @Delete(':tmdbId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a movie from the favorites' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse({ description: 'Invalid id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'That movie is not among the favorites', type: ProblemResponse })
  remove(@CurrentUser() user: AuthUser, @TmdbId() tmdbId: number): Promise<void> {
    return this.favorites.remove(user.id, tmdbId);
  }
}

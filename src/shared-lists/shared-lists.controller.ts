import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentUser, Public } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { CreatedAt } from '../common/http/created-location';
import { PagedList, SerializedPage } from '../common/http/page-links';
import { ProblemResponse } from '../common/http/problem.dto';
import { FavoriteMoviePage } from '../favorites/dto/favorite.response';
import { FavoritesQuery } from '../favorites/dto/favorites-query.dto';
import { CountryWatchProvidersResponse } from '../movies/dto/movie-parts.response';
import { ShareListDto } from './dto/share-list.dto';
import { SharedListResponse } from './dto/shared-list.response';
import { SharedListsService } from './shared-lists.service';

@ApiTags('shared lists')
@ApiExtraModels(CountryWatchProvidersResponse)
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller()
export class SharedListsController {
  constructor(private readonly lists: SharedListsService) {}

  @Put('me/favorites/share')
  @Auth()
  @ApiOperation({
    summary: "Publish the caller's favorites under a public name",
    description: 'One name per user: sharing again renames the list (the old name stops working). Names are unique regardless of case.',
  })
  @CreatedAt(SharedListResponse, (list) => `/shared-lists/${encodeURIComponent(list.listName)}`, {
    description: 'Published; Location is the public list',
  })
  @ApiOkResponse({ type: SharedListResponse, description: 'Renamed (or shared again under the same name)' })
  @ApiBadRequestResponse({ description: 'Invalid listName (3 to 64 letters, digits, "-" or "_")', type: ProblemResponse })
  @ApiConflictResponse({ description: 'Another user holds that name', type: ProblemResponse })
  async share(
    @CurrentUser() user: AuthUser,
    @Body() body: ShareListDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SharedListResponse> {
    const { list, created } = await this.lists.share(user.id, body.listName);
    reply.status(created ? 201 : 200);
    return list;
  }

  @Get('shared-lists/:listName')
  @Public()
  @ApiOperation({
    summary: "A shared list: its owner's favorites, live (no token needed)",
    description:
      "The same shape, order and query parameters as GET /me/favorites; `myRating` is the owner's rating. Nothing else about the owner is shown. " +
      'Served from the copies of movie details kept for all users and from the cache: one read waits on at most 10 TMDB calls ' +
      '(movies never described before); the others show what was stored with them (`detailsPartial`) until fetched in the background.',
  })
  @ApiParam({ name: 'listName', example: 'ada-favorites', description: 'The name, in any case' })
  @PagedList(FavoriteMoviePage)
  @ApiBadRequestResponse({ description: 'Invalid page, pageSize, sort or order', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No list has that name', type: ProblemResponse })
  show(@Param('listName') listName: string, @Query() query: FavoritesQuery): Promise<SerializedPage> {
    return this.lists.show(listName, query);
  }
}

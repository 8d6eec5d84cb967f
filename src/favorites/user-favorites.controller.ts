import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser, canActFor } from '../common/auth/auth-user';
import { ForbiddenError } from '../common/errors/domain-error';
import { PagedList, SerializedPage } from '../common/http/page-links';
import { ProblemResponse } from '../common/http/problem.dto';
import { CountryWatchProvidersResponse } from '../movies/dto/movie-parts.response';
import { UserId } from '../common/http/id-params';
import { FavoriteMoviePage } from './dto/favorite.response';
import { FavoritesQuery } from './dto/favorites-query.dto';
import { FAVORITES_LIST_DESCRIPTION } from './favorites.controller';
import { FavoritesService } from './favorites.service';

@ApiTags('favorites')
@ApiExtraModels(CountryWatchProvidersResponse)
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('users/:userId/favorites')
export class UserFavoritesController {
  constructor(private readonly favorites: FavoritesService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: "One user's favorites (the user themself or an admin)", description: FAVORITES_LIST_DESCRIPTION })
  @PagedList(FavoriteMoviePage)
  @ApiBadRequestResponse({ description: 'Invalid user id, page, pageSize, sort or order', type: ProblemResponse })
  @ApiForbiddenResponse({ description: "A USER asking for another user's favorites", type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such user', type: ProblemResponse })
  list(@CurrentUser() user: AuthUser, @UserId() userId: number, @Query() query: FavoritesQuery): Promise<SerializedPage> {
    if (!canActFor(user, userId)) throw new ForbiddenError('NotYourFavorites', 'You may only see your own favorites.');
    return this.favorites.listOfUser(userId, query);
  }

  @Delete()
  @Auth('ADMIN')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete all favorites of a user (admin)' })
  @ApiNoContentResponse({ description: 'Deleted (also when the user had none)' })
  @ApiBadRequestResponse({ description: 'Invalid user id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such user', type: ProblemResponse })
  removeAll(@UserId() userId: number): Promise<void> {
    return this.favorites.removeAllOfUser(userId);
  }
}

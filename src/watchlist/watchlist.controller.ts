import { Controller, Delete, Get, HttpCode, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
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
import { TmdbId } from '../common/http/id-params';
import { PagedList, SerializedPage } from '../common/http/page-links';
import { PageQuery } from '../common/http/pagination';
import { ProblemResponse } from '../common/http/problem.dto';
import { ApiUpstreamProblems } from '../common/http/upstream-problems';
import { MAX_LIST_ENTRIES } from '../user-marks/list-cap';
import { WatchlistEntryResponse, WatchlistMoviePage } from './dto/watchlist.response';
import { WatchlistService } from './watchlist.service';

@ApiTags('watchlist')
@Auth()
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('me/watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's watchlist, newest addition first",
    description:
      "Items are like /movies/popular's (with the caller's `favorite`, `inWatchlist` and `myRating`) plus `addedAt`. " +
      'When TMDB cannot describe a movie now, the item still appears with `detailsPartial: true`.',
  })
  @PagedList(WatchlistMoviePage)
  @ApiBadRequestResponse({ description: 'Invalid page or pageSize', type: ProblemResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<SerializedPage> {
    return this.watchlist.list(user.id, query);
  }

  @Put(':tmdbId')
  @ApiOperation({
    summary: 'Add a movie to the watchlist',
    description: `Idempotent: 201 when added, 200 when it was already there. A watchlist holds at most ${MAX_LIST_ENTRIES} movies.`,
  })
  @ApiCreatedResponse({ type: WatchlistEntryResponse, description: 'Added' })
  @ApiOkResponse({ type: WatchlistEntryResponse, description: 'Already in the watchlist' })
  @ApiBadRequestResponse({ description: 'Invalid id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'TMDB has no such movie', type: ProblemResponse })
  @ApiConflictResponse({ description: `The watchlist already holds ${MAX_LIST_ENTRIES} movies (code ListFull)`, type: ProblemResponse })
  @ApiUpstreamProblems()
  async add(
    @CurrentUser() user: AuthUser,
    @TmdbId() tmdbId: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WatchlistEntryResponse> {
    const { entry, created } = await this.watchlist.add(user.id, tmdbId);
    reply.status(created ? 201 : 200);
    return entry;
  }

  @Delete(':tmdbId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a movie from the watchlist' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse({ description: 'Invalid id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'That movie is not in the watchlist', type: ProblemResponse })
  remove(@CurrentUser() user: AuthUser, @TmdbId() tmdbId: number): Promise<void> {
    return this.watchlist.remove(user.id, tmdbId);
  }
}

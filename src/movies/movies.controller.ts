import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ProblemResponse } from '../common/http/problem.dto';
import { CountryWatchProvidersResponse } from './dto/movie-parts.response';
import { DiscoverMoviesQuery, MovieLanguageQuery, PopularMoviesQuery, SearchMoviesQuery } from './dto/movie-queries.dto';
import { MovieResponse, MovieSummaryPage } from './dto/movie.response';
import { TmdbId } from '../common/http/id-params';
import { PagedList, SerializedPage } from '../common/http/page-links';
import { X_CACHE_HEADER } from '../common/http/response-headers';
import { ApiUpstreamProblems } from '../common/http/upstream-problems';
import { MoviesService, MovieWithFlags } from './movies.service';
import type { Cached } from './tmdb.port';

const X_CACHE = { 'X-Cache': X_CACHE_HEADER };

@ApiTags('movies')
@Auth()
@ApiExtraModels(CountryWatchProvidersResponse)
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@ApiUpstreamProblems()
@Controller('movies')
export class MoviesController {
  constructor(private readonly movies: MoviesService) {}

  @Get('popular')
  @ApiOperation({ summary: "TMDB's popular movies, with the caller's favorite and myRating" })
  @PagedList(MovieSummaryPage, X_CACHE)
  @ApiBadRequestResponse({ description: 'Invalid page (1 to 500), language or region', type: ProblemResponse })
  async popular(
    @CurrentUser() user: AuthUser,
    @Query() query: PopularMoviesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SerializedPage> {
    return send(reply, await this.movies.popular(user.id, query));
  }

  @Get('discover')
  @ApiOperation({ summary: "Discover TMDB movies by year, genres and sort order, with the caller's flags" })
  @PagedList(MovieSummaryPage, X_CACHE)
  @ApiBadRequestResponse({
    description: 'Invalid page, language, sortBy, year, withGenres, includeAdult or includeVideo',
    type: ProblemResponse,
  })
  async discover(
    @CurrentUser() user: AuthUser,
    @Query() query: DiscoverMoviesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SerializedPage> {
    return send(reply, await this.movies.discover(user.id, query));
  }

  @Get('search')
  @ApiOperation({ summary: "Search TMDB movies by title, with the caller's flags" })
  @PagedList(MovieSummaryPage, X_CACHE)
  @ApiBadRequestResponse({ description: 'Missing or invalid query, or invalid page, language or year', type: ProblemResponse })
  async search(
    @CurrentUser() user: AuthUser,
    @Query() query: SearchMoviesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SerializedPage> {
    return send(reply, await this.movies.search(user.id, query));
  }

  @Get(':tmdbId')
  @ApiOperation({
    summary: "One TMDB movie: details, videos, credits and watch providers, with the caller's flags and the local review figures",
  })
  @ApiOkResponse({ type: MovieResponse, headers: X_CACHE })
  @ApiBadRequestResponse({ description: 'Invalid id or language', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'TMDB has no such movie', type: ProblemResponse })
  async details(
    @CurrentUser() user: AuthUser,
    @TmdbId() tmdbId: number,
    @Query() query: MovieLanguageQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MovieWithFlags> {
    return send(reply, await this.movies.details(user.id, tmdbId, query.language));
  }
}

/** The answer holds the caller's own flags: no shared cache may keep it. */
function send<T>(reply: FastifyReply, { value, cache }: Cached<T>): T {
  reply.header('X-Cache', cache);
  reply.header('Cache-Control', 'private, no-cache');
  return value;
}

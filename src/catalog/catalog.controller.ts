import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { CreatedAt } from '../common/http/created-location';
import { PagedList } from '../common/http/page-links';
import { ProblemResponse } from '../common/http/problem.dto';
import { CatalogService } from './catalog.service';
import { CatalogMovieIdParams, CreateCatalogMovieDto, UpdateCatalogMovieDto } from './dto/catalog-movie.dto';
import { CatalogMoviePage, CatalogMovieResponse } from './dto/catalog-movie.response';
import { CatalogQuery } from './dto/catalog-query.dto';

@ApiTags('catalog')
@ApiBadRequestResponse({ description: 'Invalid input', type: ProblemResponse })
@Controller('catalog/movies')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'The local catalog, by title; filter by part of the title (any case) and by year' })
  @PagedList(CatalogMoviePage)
  async list(@Query() query: CatalogQuery): Promise<CatalogMoviePage> {
    const page = await this.catalog.list(query);
    return { ...page, items: page.items.map(CatalogMovieResponse.from) };
  }

  @Post()
  @Auth('ADMIN')
  @ApiOperation({ summary: 'Add a movie to the catalog' })
  @CreatedAt(CatalogMovieResponse, (movie) => `/catalog/movies/${movie.id}`)
  @ApiConflictResponse({ description: 'Another catalog movie has this tmdbId', type: ProblemResponse })
  async create(@Body() body: CreateCatalogMovieDto): Promise<CatalogMovieResponse> {
    return CatalogMovieResponse.from(await this.catalog.create(body));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One catalog movie with its review count and average rating' })
  @ApiOkResponse({ type: CatalogMovieResponse })
  @ApiNotFoundResponse({ description: 'No such catalog movie', type: ProblemResponse })
  async get(@Param() params: CatalogMovieIdParams): Promise<CatalogMovieResponse> {
    return CatalogMovieResponse.from(await this.catalog.get(params.id));
  }

  @Patch(':id')
  @Auth('ADMIN')
  @ApiOperation({
    summary: 'Change a catalog movie',
    description:
      "A new title reaches the Notion pages of the movie's reviews right after the change (and at the latest with the next reconciliation).",
  })
  @ApiOkResponse({ type: CatalogMovieResponse })
  @ApiNotFoundResponse({ description: 'No such catalog movie', type: ProblemResponse })
  @ApiConflictResponse({ description: 'Another catalog movie has this tmdbId', type: ProblemResponse })
  async update(@Param() params: CatalogMovieIdParams, @Body() body: UpdateCatalogMovieDto): Promise<CatalogMovieResponse> {
    return CatalogMovieResponse.from(await this.catalog.update(params.id, body));
  }

  @Delete(':id')
  @Auth('ADMIN')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a movie from the catalog',
    description: 'Refused with 409 while the movie has reviews: each review also lives in Notion, so reviews are deleted one by one first.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such catalog movie', type: ProblemResponse })
  @ApiConflictResponse({ description: 'The movie has reviews', type: ProblemResponse })
  async delete(@Param() params: CatalogMovieIdParams): Promise<void> {
    await this.catalog.delete(params.id);
  }
}

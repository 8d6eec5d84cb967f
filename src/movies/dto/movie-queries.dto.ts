import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { DecimalInt, parseDecimalInteger } from '../../common/http/decimal';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** TMDB serves pages 1 to 500 of every list. */
export const MAX_TMDB_PAGE = 500;
const LANGUAGE = /^[a-z]{2}(-[A-Z]{2})?$/;
const CURRENT_YEAR_LIMIT = 2100;

export const DISCOVER_SORTS = [
  'popularity.desc',
  'popularity.asc',
  'vote_average.desc',
  'vote_average.asc',
  'vote_count.desc',
  'vote_count.asc',
  'primary_release_date.desc',
  'primary_release_date.asc',
  'revenue.desc',
  'revenue.asc',
  'title.asc',
  'title.desc',
] as const;

export class MovieLanguageQuery {
  @ApiPropertyOptional({
    type: String,
    example: 'en-US',
    default: 'en-US',
    pattern: LANGUAGE.source,
    description: 'ISO 639-1 language, optionally with an ISO 3166-1 region',
  })
  @IsOptional()
  @IsString()
  @Matches(LANGUAGE, { message: 'language must look like "en" or "en-US"' })
  language = 'en-US';
}

export class MovieListQuery extends MovieLanguageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_TMDB_PAGE,
    default: 1,
    example: 1,
    description: 'TMDB pages hold 20 movies; page 500 is the last TMDB serves',
  })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(MAX_TMDB_PAGE)
  page = 1;
}

export class PopularMoviesQuery extends MovieListQuery {
  @ApiPropertyOptional({ type: String, example: 'US', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 country whose release dates count' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'region must be an ISO 3166-1 code such as "US"' })
  region?: string;
}

const toYear = DecimalInt;

export class DiscoverMoviesQuery extends MovieListQuery {
  @ApiPropertyOptional({ type: String, enum: DISCOVER_SORTS, default: 'popularity.desc', example: 'vote_average.desc' })
  @IsOptional()
  @IsIn(DISCOVER_SORTS)
  sortBy?: (typeof DISCOVER_SORTS)[number];

  @ApiPropertyOptional({ type: 'integer', example: 1999, minimum: 1874, maximum: CURRENT_YEAR_LIMIT, description: 'Primary release year' })
  @IsOptional()
  @toYear()
  @IsInt()
  @Min(1874)
  @Max(CURRENT_YEAR_LIMIT)
  year?: number;

  @ApiPropertyOptional({ type: String, example: '18,53', description: 'Comma-separated TMDB genre ids; movies must have all of them' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((part) => parseDecimalInteger(part) ?? NaN) : value))
  @IsInt({ each: true, message: 'withGenres must be comma-separated genre ids such as "18,53"' })
  @Min(1, { each: true })
  @ArrayMaxSize(10)
  withGenres?: number[];

  @ApiPropertyOptional({ type: Boolean, example: false, default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeAdult must be true or false' })
  includeAdult?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    default: false,
    description: 'Also list titles TMDB marks as videos (direct-to-video releases, recordings of shows)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeVideo must be true or false' })
  includeVideo?: boolean;
}

export class SearchMoviesQuery extends MovieListQuery {
  @ApiProperty({
    type: String,
    example: 'fight club',
    minLength: 1,
    maxLength: 200,
    description: 'Words of the title (or the original title)',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  query: string;

  @ApiPropertyOptional({ type: 'integer', example: 1999, minimum: 1874, maximum: CURRENT_YEAR_LIMIT, description: 'Primary release year' })
  @IsOptional()
  @toYear()
  @IsInt()
  @Min(1874)
  @Max(CURRENT_YEAR_LIMIT)
  year?: number;
}

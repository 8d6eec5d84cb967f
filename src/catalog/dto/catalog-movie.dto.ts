import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInt } from '../../common/http/decimal';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export const MIN_YEAR = 1870;
export const MAX_YEAR = 2200;
const MAX_ID = 2_147_483_647;

/** PostgreSQL text cannot hold U+0000; refused as input rather than failing in the database. */
export function NoNulCharacter() {
  // eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused here
  return Matches(/^[^\u0000]*$/, { message: '$property must not contain NUL characters' });
}

/** A movie title: 1-300 characters, not only spaces. */
export function MovieTitle() {
  return applyDecorators(IsString(), MinLength(1), MaxLength(300), Matches(/\S/, { message: 'title must not be blank' }), NoNulCharacter());
}

export function MovieYear() {
  return applyDecorators(IsInt(), Min(MIN_YEAR), Max(MAX_YEAR));
}

/** May be left out, but not sent as null: null would mean "no value" for a column that needs one. */
export function Omittable() {
  return ValidateIf((_object, value) => value !== undefined);
}

export function PositiveId() {
  return applyDecorators(IsInt(), Min(1), Max(MAX_ID));
}

export class CreateCatalogMovieDto {
  @ApiProperty({ example: 'Central do Brasil', minLength: 1, maxLength: 300 })
  @MovieTitle()
  title: string;

  @ApiProperty({ example: 1998, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @MovieYear()
  year: number;

  @ApiProperty({ example: 'A retired teacher helps a boy look for his father.', maxLength: 5000 })
  @IsString()
  @MaxLength(5000)
  @NoNulCharacter()
  description: string;

  @ApiPropertyOptional({ example: 666, minimum: 1, description: 'The TMDB id; at most one catalog movie per TMDB id' })
  @IsOptional()
  @PositiveId()
  tmdbId?: number;
}

export class UpdateCatalogMovieDto {
  @ApiPropertyOptional({ example: 'Central Station', minLength: 1, maxLength: 300 })
  @Omittable()
  @MovieTitle()
  title?: string;

  @ApiPropertyOptional({ example: 1998, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @Omittable()
  @MovieYear()
  year?: number;

  @ApiPropertyOptional({ example: 'A retired teacher helps a boy look for his father.', maxLength: 5000 })
  @Omittable()
  @IsString()
  @MaxLength(5000)
  @NoNulCharacter()
  description?: string;

  @ApiPropertyOptional({ type: 'integer', example: 666, minimum: 1, nullable: true, description: 'null removes the TMDB link' })
  @IsOptional()
  @PositiveId()
  tmdbId?: number | null;
}

/** `/catalog/movies/{id}`: the path text read as strict decimal, then bounded. */
export class CatalogMovieIdParams {
  @ApiProperty({ example: 1, minimum: 1 })
  @DecimalInt()
  @PositiveId()
  id: number;
}

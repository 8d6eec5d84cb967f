import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInt } from '../../common/http/decimal';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

const MAX_ID = 2_147_483_647;

/** May be left out, but never sent as null. */
function Omittable() {
  return ValidateIf((_object, value) => value !== undefined);
}

function Id() {
  return applyDecorators(IsInt(), Min(1), Max(MAX_ID));
}

/** An integer from 1 to 5. */
export function Rating() {
  return applyDecorators(IsInt(), Min(1), Max(5));
}

/** 1 to 5,000 characters, not only spaces, without U+0000 (which PostgreSQL text cannot hold). */
export function Comment() {
  return applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(5000),
    Matches(/\S/, { message: 'comment must not be blank' }),
    // eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused here
    Matches(/^[^\u0000]*$/, { message: 'comment must not contain NUL characters' }),
  );
}

export class CreateReviewDto {
  @ApiPropertyOptional({ example: 1, minimum: 1, description: 'A catalog movie id; send this or tmdbId, not both' })
  @Omittable()
  @Id()
  movieId?: number;

  @ApiPropertyOptional({
    example: 550,
    minimum: 1,
    description: 'A TMDB movie id, brought into the catalog first if needed; send this or movieId',
  })
  @Omittable()
  @Id()
  tmdbId?: number;

  @ApiProperty({ example: 5, minimum: 1, maximum: 5 })
  @Rating()
  rating: number;

  @ApiProperty({ example: 'Still the sharpest satire of the nineties.', minLength: 1, maxLength: 5000 })
  @Comment()
  comment: string;
}

export class UpdateReviewDto {
  @ApiPropertyOptional({ example: 4, minimum: 1, maximum: 5 })
  @Omittable()
  @Rating()
  rating?: number;

  @ApiPropertyOptional({ example: 'Better on a second viewing.', minLength: 1, maxLength: 5000 })
  @Omittable()
  @Comment()
  comment?: string;
}

export class ReviewIdParams {
  @ApiProperty({ example: 1, minimum: 1 })
  @DecimalInt()
  @Id()
  id: number;
}

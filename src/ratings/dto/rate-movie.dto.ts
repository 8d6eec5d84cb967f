import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

export const MAX_STARS = 5;

@ValidatorConstraint({ name: 'halfStep' })
class HalfStep implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'number' && Number.isInteger(value * 2);
  }

  defaultMessage(): string {
    return 'stars must be a multiple of 0.5 between 0 and 5';
  }
}

/** 0 to 5 in half-star steps, a JSON number (never "4"), documented alike wherever stars are accepted. */
export function Stars() {
  return applyDecorators(
    ApiProperty({ minimum: 0, maximum: MAX_STARS, multipleOf: 0.5, example: 4.5, description: '0 to 5 in steps of 0.5' }),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'stars must be a number' }),
    Min(0),
    Max(MAX_STARS),
    Validate(HalfStep),
  );
}

export class RateMovieDto {
  @Stars()
  stars: number;
}

import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationProblemException } from '../errors/validation-problem.exception';

/** PostgreSQL `integer`, the column type of every id we keep. */
export const MAX_INT_ID = 2_147_483_647;

/**
 * The path parameter exactly as sent. A custom decorator, so the global
 * ValidationPipe does not first turn "1e3" or "0x10" into a number.
 */
const RawPathParam = createParamDecorator((name: string, context: ExecutionContext): string | undefined => {
  return context.switchToHttp().getRequest<{ params: Record<string, string | undefined> }>().params[name];
});

/** Digits only, no sign, no leading zero, no exponent or decimal point; then bounded. */
class PositiveIntPipe implements PipeTransform<string | undefined, number> {
  constructor(private readonly field: string) {}

  transform(raw: string | undefined): number {
    const value = raw !== undefined && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value > MAX_INT_ID) {
      throw new ValidationProblemException([
        { field: this.field, message: `${this.field} must be an integer between 1 and ${MAX_INT_ID}` },
      ]);
    }
    return value;
  }
}

/**
 * A path parameter holding a positive integer id, validated the same way on
 * every route (0, -5, "abc", "1.5", 2^53 are 400 problems) and documented.
 */
function positiveIntParam(name: string, description: string, example: number): () => ParameterDecorator {
  return () => (target, key, index) => {
    RawPathParam(name, new PositiveIntPipe(name))(target, key, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name, description, example, schema: { type: 'integer', minimum: 1, maximum: MAX_INT_ID, example } })(
      target,
      key!,
      descriptor,
    );
  };
}

/** `{tmdbId}`: TheMovieDB's id of a movie. */
export const TmdbId = positiveIntParam('tmdbId', "TheMovieDB's id of the movie", 550);

/** `{userId}`: one of our users. */
export const UserId = positiveIntParam('userId', 'Id of the user', 2);

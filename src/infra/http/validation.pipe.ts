import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationProblemException } from '../../common/errors/validation-problem.exception';

/** Distinct valid query strings remembered per query DTO; past it the oldest go first. */
const QUERIES_PER_DTO = 500;

/**
 * Unknown properties are rejected and JSON bodies are never coerced
 * ({"stars": "4"} is a 400). Query and path parameters, which arrive as text,
 * are converted explicitly by their DTOs' @Type/@Transform decorators.
 *
 * A query DTO's outcome depends on nothing but the query, and the hot GETs repeat a handful of queries, so a
 * valid query's converted DTO is remembered and copied, skipping class-transformer and class-validator. Invalid
 * queries are not remembered (they answer 400 the slow way, each time).
 */
export class QueryCachingValidationPipe extends ValidationPipe {
  private readonly validQueries = new WeakMap<object, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || typeof value !== 'object' || value === null) {
      return super.transform(value, metadata);
    }
    let known = this.validQueries.get(metatype);
    if (!known) {
      known = new Map();
      this.validQueries.set(metatype, known);
    }
    const key = JSON.stringify(value);
    let dto = known.get(key);
    if (!dto) {
      dto = (await super.transform(value, metadata)) as object;
      known.set(key, dto);
      if (known.size > QUERIES_PER_DTO) known.delete(known.keys().next().value as string);
    }
    return copyOf(dto);
  }
}

/** A copy, so a handler that changes its query object cannot change what the next request gets (query values are text, numbers, booleans or lists of them). */
function copyOf(dto: object): object {
  const copy = Object.create(Object.getPrototypeOf(dto) as object) as Record<string, unknown>;
  for (const [key, item] of Object.entries(dto)) copy[key] = Array.isArray(item) ? [...item] : item;
  return copy;
}

export function createValidationPipe(): ValidationPipe {
  return new QueryCachingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ValidationProblemException.fromValidationErrors(errors),
  });
}

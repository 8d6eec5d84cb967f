import { ValidationPipe } from '@nestjs/common';
import { ValidationProblemException } from '../../common/errors/validation-problem.exception';

/**
 * Unknown properties are rejected and JSON bodies are never coerced
 * ({"stars": "4"} is a 400). Query and path parameters, which arrive as text,
 * are converted explicitly by their DTOs' @Type/@Transform decorators.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ValidationProblemException.fromValidationErrors(errors),
  });
}

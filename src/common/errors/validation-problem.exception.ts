import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldError } from './domain-error';

/** Thrown by the global ValidationPipe; carries one entry per invalid field. */
export class ValidationProblemException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('The request is invalid: ' + fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; '));
  }

  static fromValidationErrors(errors: ValidationError[]): ValidationProblemException {
    return new ValidationProblemException(flatten(errors));
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: humanise(message, error.property, field) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator says "property foo should not exist"; say it with the full path. */
function humanise(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`) return `${field} is not an accepted property`;
  return message;
}

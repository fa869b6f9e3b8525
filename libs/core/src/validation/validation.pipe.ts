import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/app-error';
import { flattenValidationErrors } from './validation-errors';

/**
 * The global pipe: unknown body fields and query params are rejected (not silently dropped), inputs are
 * transformed to their DTO types, and failures become one 400 problem with one entry per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputError(flattenValidationErrors(errors)),
  });
}

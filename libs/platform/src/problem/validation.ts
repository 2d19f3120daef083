import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem';

export class InvalidInputException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(`Saisie invalide : ${fieldErrors.map((e) => `${e.field} — ${e.message}`).join(' ; ')}`);
  }
}

/** Flattens class-validator's nested errors into « lines[2].amount » paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** Whitelist and forbid unknown fields; every failure names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}

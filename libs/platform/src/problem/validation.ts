import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem';

export class InvalidInputException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(`Saisie invalide : ${fieldErrors.map((e) => `${e.field} — ${e.message}`).join(' ; ')}`);
  }
}

/**
 * class-validator's own messages are English (« name must be a string »): each built-in constraint said again in
 * French, its bound taken from the English text. Messages the DTOs wrote themselves are French already and kept.
 */
const FRENCH: Record<string, (english: string) => string> = {
  isString: () => 'texte attendu',
  isObject: () => 'objet attendu',
  isArray: () => 'liste attendue',
  isBoolean: () => 'vrai ou faux attendu',
  isInt: () => 'nombre entier attendu',
  isNumber: () => 'nombre attendu',
  isDefined: () => 'obligatoire',
  isNotEmpty: () => 'obligatoire',
  isIn: (english) => `valeur non permise (${english.replace(/^.*following values: /, 'valeurs : ')})`,
  isEnum: (english) => `valeur non permise (${english.replace(/^.*following values: /, 'valeurs : ')})`,
  maxLength: (english) => `au plus ${/(\d+)/.exec(english)?.[1] ?? '?'} caractères`,
  minLength: (english) => `au moins ${/(\d+)/.exec(english)?.[1] ?? '?'} caractères`,
  arrayMaxSize: (english) => `au plus ${/(\d+)/.exec(english)?.[1] ?? '?'} éléments`,
  arrayMinSize: (english) => `au moins ${/(\d+)/.exec(english)?.[1] ?? '?'} élément(s)`,
  max: (english) => `au plus ${/(-?\d+(\.\d+)?)\s*$/.exec(english)?.[1] ?? '?'}`,
  min: (english) => `au moins ${/(-?\d+(\.\d+)?)\s*$/.exec(english)?.[1] ?? '?'}`,
  whitelistValidation: () => 'champ inconnu : retirez-le',
  nestedValidation: () => 'objet attendu',
};

const ENGLISH_DEFAULT = /\b(must|should) (be|not|contain|have)\b|property .* should not exist/;

/** Flattens class-validator's nested errors into « lines[2].amount » paths, each message in French. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const seen = new Set<string>();
    const own = Object.entries(error.constraints ?? {})
      .map(([constraint, message]) =>
        ENGLISH_DEFAULT.test(message) ? (FRENCH[constraint]?.(message) ?? 'valeur refusée') : message,
      )
      // « objet requis » and « objet attendu » for the same field say one thing: once.
      .filter((message) => !seen.has(message) && seen.add(message) !== undefined)
      .map((message) => ({ field: path, message }));
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

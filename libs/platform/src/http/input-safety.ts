import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { FieldError } from '../problem/problem';
import { InvalidInputException } from '../problem/validation';
import { CODE, CODE_MESSAGE } from './source.dto';

/** Deepest body a command of the suite needs (a plan's lines, an application's dwellings) is 4; 16 leaves room. */
export const MAX_BODY_DEPTH = 16;
/** Bound of the walk: no body of the suite has near this many values (the body itself is limited in bytes). */
const MAX_VALUES = 200_000;

// C0 controls but tab, line feed and carriage return (free texts may span lines), DEL, and UTF-16 halves alone.
// eslint-disable-next-line no-control-regex -- matching control characters is this regular expression's whole purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'caractère nul (U+0000) refusé';
  if (CONTROL.test(text)) return 'caractère de contrôle refusé';
  if (LONE_SURROGATE.test(text)) return 'caractère Unicode invalide (demi-paire de substitution isolée)';
  return undefined;
}

/**
 * Names that reach JavaScript's object machinery rather than data (prototype pollution; class-transformer takes an
 * own `constructor` for the class and throws): no command has a field so named.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const PATH_ID = CODE;

const pathOf = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * What no command may carry, found before validation and named by its path: text with NUL, control characters or
 * broken Unicode (PostgreSQL refuses NUL in text and would answer 500), and bodies nested deeper than any command
 * needs. Walked iteratively, bounded, so a hostile body can neither overflow the stack nor keep the process busy.
 */
export function unsafeInput(body: unknown, params: Record<string, string> = {}): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(params)) {
    // Every path segment the routes name is an identifier of the reference data or of a resource: the code pattern,
    // so that « ../../etc », « %00 » or a 5 000-character id never reach a stream name or a query.
    const problem =
      typeof value === 'string' ? (textProblem(value) ?? (PATH_ID.test(value) ? undefined : CODE_MESSAGE)) : undefined;
    if (problem) errors.push({ field: name, message: problem });
  }
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  let seen = 0;
  while (stack.length > 0 && errors.length < 20) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (++seen > MAX_VALUES) {
      errors.push({ field: path || 'corps', message: `plus de ${MAX_VALUES} valeurs` });
      break;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) errors.push({ field: path || 'corps', message: problem });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      errors.push({ field: path || 'corps', message: `imbrication trop profonde (au plus ${MAX_BODY_DEPTH} niveaux)` });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: pathOf(path, index), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const problem =
        textProblem(key) ??
        (RESERVED_KEYS.has(key) ? `« ${key} » est un nom réservé, refusé à toute profondeur` : undefined);
      if (problem) errors.push({ field: pathOf(path, key), message: `nom de champ : ${problem}` });
      else stack.push({ value: item, path: pathOf(path, key), depth: depth + 1 });
    }
  }
  return errors;
}

/** Refuses unsafe input on every route (400 naming each field) before any pipe or handler sees it. */
@Injectable()
export class InputSafetyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const errors = unsafeInput(request.body, request.params as Record<string, string>);
      const query = unsafeInput(request.query);
      if (errors.length || query.length) throw new InvalidInputException([...errors, ...query]);
    }
    return next.handle();
  }
}

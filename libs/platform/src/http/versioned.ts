import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { ApiHeader } from '@nestjs/swagger';

/** A resource with its stream revision: the interceptor sends the value and the revision as ETag. */
export class Versioned<T> {
  constructor(
    readonly value: T,
    readonly revision: number,
  ) {}

  etag(): string {
    return `"${this.revision}"`;
  }
}

@Injectable()
export class VersionedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result) => {
        if (!(result instanceof Versioned)) return result;
        context.switchToHttp().getResponse<Response>().setHeader('ETag', result.etag());
        return result.value;
      }),
    );
  }
}

/**
 * The revision a write expects, from If-Match (« "3" », W/"3" accepted); undefined when absent.
 * « * » means « any existing revision ».
 */
export function expectedRevisionFromIfMatch(
  header: string | string[] | undefined,
): number | 'stream_exists' | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header[0] : header).trim();
  if (value === '*') return 'stream_exists';
  const match = /^(?:W\/)?"(-?\d+)"$/.exec(value);
  if (!match)
    throw new BadRequestException(
      'If-Match : ETag attendu, par exemple "3" (tel que renvoyé par la lecture de la ressource)',
    );
  return Number(match[1]);
}

/** Documents the If-Match a route honours: the ETag the client read; moved since, the command is refused (409). */
export const IfMatchHeader = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'l’ETag lu (version de la ressource) : si elle a changé depuis, la commande est refusée (409)',
    schema: { type: 'string', example: '"3"' },
  });

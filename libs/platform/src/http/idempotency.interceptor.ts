import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  Optional,
  NestInterceptor,
  UnprocessableEntityException,
  BadRequestException,
  HttpStatus,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { canonicalJson, type JsonValue } from '@cvl/event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { actorLabel } from '../auth/principal';
import { currentContext } from '../context/request-context';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { Metrics } from '../observability/metrics';
import { toProblem } from '../problem/to-problem';
import { IN_PROGRESS_EXPIRY_SECONDS, type IdempotencyStore, type StoredResponse } from './idempotency.store';
import { Versioned } from './versioned';

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const KEPT_HEADERS = ['etag', 'location'];

/**
 * Commands sent with an Idempotency-Key answer a retry with the first response and run nothing again. The same key
 * with a different request is refused (422); a retry while the first is still running gets 409. Server errors and
 * conflicts are not kept, so the client may retry them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (!COMMAND_METHODS.has(request.method) || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) throw new BadRequestException('Idempotency-Key : 1 à 200 caractères ASCII visibles');
    const principal = request.principal ? actorLabel(request.principal) : 'anonymous';
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson((request.body ?? null) as JsonValue)}`)
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();
    const requestContext = currentContext();
    if (requestContext) requestContext.idempotencyKey = key;
    const successStatus =
      Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return from(
      this.run(principal, key, fingerprint, response, successStatus, request.originalUrl, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }

  private async run(
    principal: string,
    key: string,
    fingerprint: string,
    response: Response,
    successStatus: number,
    url: string,
    execute: () => Promise<unknown>,
  ): Promise<unknown> {
    const reservation = await this.store.reserve(principal, key, fingerprint);
    if (reservation.outcome === 'in-progress') {
      // Retry-After: the first request may still finish, or its key expire (its process died): either way, try again.
      response.setHeader('Retry-After', String(Math.min(IN_PROGRESS_EXPIRY_SECONDS, 5)));
      throw new ConflictException(
        `Une requête avec la même Idempotency-Key est en cours ; réessayez dans un instant (une clé restée en cours plus de ${IN_PROGRESS_EXPIRY_SECONDS} s est reprise).`,
      );
    }
    if (reservation.outcome === 'done') {
      if (reservation.fingerprint !== fingerprint)
        throw new UnprocessableEntityException(
          'Idempotency-Key déjà utilisée pour une autre requête : choisissez une nouvelle clé.',
        );
      return this.replay(response, reservation.response);
    }
    // Reserved and running: a key stuck here (its process died mid-command) shows as a gauge that does not fall.
    this.metrics?.idempotencyInFlight.inc();
    try {
      const result = await execute();
      const body = result instanceof Versioned ? result.value : result;
      const headers: Record<string, string> = {};
      if (result instanceof Versioned) headers.etag = result.etag();
      for (const name of KEPT_HEADERS) {
        const value = response.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      await this.store.complete(principal, key, { status: successStatus, body: JSON.stringify(body ?? null), headers });
      return result;
    } catch (error) {
      const problem = toProblem(error, url, currentContext()?.correlationId);
      if (problem.status >= 500 || problem.status === 409 || problem.status === 401) {
        // A release that fails too (the database is what failed) leaves the key to expire; the caller gets the
        // first error, not this one.
        await this.store.release(principal, key).catch(() => undefined);
      } else {
        await this.store.complete(principal, key, {
          status: problem.status,
          body: JSON.stringify(problem),
          headers: { 'content-type': PROBLEM_CONTENT_TYPE },
        });
      }
      throw error;
    } finally {
      this.metrics?.idempotencyInFlight.dec();
    }
  }

  private replay(response: Response, stored: StoredResponse): never {
    for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
    response.setHeader(REPLAYED_HEADER, 'true');
    throw new ReplayedResponse(stored);
  }
}

/** Carries a stored response out of the handler chain; the replay filter sends it as it was. */
export class ReplayedResponse extends Error {
  constructor(readonly stored: StoredResponse) {
    super('replayed response');
  }
}

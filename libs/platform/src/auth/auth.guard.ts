import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { currentContext } from '../context/request-context';
import { actorOf, type Principal } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const PUBLIC_ROUTE = 'cvl:public-route';

/** Marks a route that needs no token (health, metrics, docs). Everything else does. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route but the public ones requires a bearer JWT; commands (POST, PUT, PATCH, DELETE) always do. The verified
 * principal is put on the request and in the request context, where it becomes the actor of the events it causes.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('Authentification requise : en-tête « Authorization: Bearer <jeton> » manquant');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      throw new UnauthorizedException(error instanceof InvalidTokenError ? error.message : 'jeton refusé');
    }
    const requestContext = currentContext();
    if (requestContext) requestContext.principal = request.principal;
    return true;
  }
}

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('Authentification requise');
  return principal;
});

/** The actor of the current work, for event metadata: the principal, else the system. */
export function currentActor(fallback = 'system@cvl'): string {
  const principal = currentContext()?.principal;
  return principal ? actorOf(principal) : fallback;
}

import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ORGANISATION_DIRECTORY, PLATFORM_ORGANISATION, type OrganisationDirectory } from './organisation-directory';
import type { Request } from 'express';
import { currentContext } from '../context/request-context';
import { Access, accessFor, ROUTE_POLICY, rolesOf, type DeclaredPolicy } from './policy';
import { actorOf, SYSTEM_ACTOR, type Actor, type Principal } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export type AuthenticatedRequest = Request & { principal?: Principal; access?: Access };

/**
 * One guard for every route: the route's declared policy says who may call it. Public routes need no token; every
 * other needs a bearer JWT (401 without a valid one) whose roles the policy lets in (403 otherwise). The verified
 * principal and its access are put on the request and in the request context, where the principal becomes the actor
 * of the events it causes and the access scopes what the handler reads or may write.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private directory?: OrganisationDirectory | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The reference data's directory, if a module of this process provides one (commitments does). */
  private organisations(): OrganisationDirectory | undefined {
    if (this.directory === undefined) {
      try {
        this.directory = this.moduleRef.get<OrganisationDirectory>(ORGANISATION_DIRECTORY, { strict: false });
      } catch {
        this.directory = null;
      }
    }
    return this.directory ?? undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const policy = this.reflector.getAllAndOverride<DeclaredPolicy | undefined>(ROUTE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy === 'public') return true;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw new UnauthorizedException('Authentification requise : en-tête « Authorization: Bearer <jeton> » manquant');
    let principal: Principal;
    try {
      principal = await this.verifier.verify(match[1]);
    } catch (error) {
      throw new UnauthorizedException(error instanceof InvalidTokenError ? error.message : 'jeton refusé');
    }
    request.principal = principal;
    const requestContext = currentContext();
    if (requestContext) requestContext.principal = principal;
    // The application refuses to start with a route without policy (assertEveryRouteHasPolicy); never let one through.
    if (!policy) throw new ForbiddenException('Accès refusé : cette route n’a pas de politique d’accès déclarée');
    const directory = principal.organisation === PLATFORM_ORGANISATION ? undefined : this.organisations();
    if (directory && !(await directory.isKnown(principal.organisation))) {
      throw new ForbiddenException(
        `Accès refusé : l’organisation « ${principal.organisation} » du jeton n’est pas au référentiel (financeurs, organisations)`,
      );
    }
    const access = accessFor(principal, policy);
    if (!access)
      throw new ForbiddenException(
        `Accès refusé : rôle requis parmi ${rolesOf(policy).join(', ')} (jeton : ${principal.roles.join(', ')})`,
      );
    request.access = access;
    return true;
  }
}

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('Authentification requise');
  return principal;
});

/** What the principal may do on this route (all of it, or its organisation's part): the guard's verdict. */
export const CurrentAccess = createParamDecorator((_data: unknown, context: ExecutionContext): Access => {
  const access = context.switchToHttp().getRequest<AuthenticatedRequest>().access;
  if (!access) throw new UnauthorizedException('Authentification requise');
  return access;
});

/** The actor of the current work, for event data: the principal as it is now, else the system. */
export function currentActor(fallback: Actor = SYSTEM_ACTOR): Actor {
  const principal = currentContext()?.principal;
  return principal ? actorOf(principal) : { ...fallback, roles: [...fallback.roles] };
}

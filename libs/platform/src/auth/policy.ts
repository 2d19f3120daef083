import { ForbiddenException, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';
import type { Role } from './roles';

export const ROUTE_POLICY = 'cvl:route-policy';

/**
 * Who may call a route. `all`: roles that act on everything the route reaches. `own`: roles that act only on their
 * organisation's part, with the words that say which part (shown in the generated matrix); the route's handler
 * narrows what they see or refuses what is not theirs. `admin` may always call every route.
 */
export interface RoutePolicy {
  all: Role[];
  own?: Partial<Record<Role, string>>;
}

export type DeclaredPolicy = RoutePolicy | 'public';

/** Declares a route's policy, beside its controller. A route without one stops the application from starting. */
export const Allow = (policy: RoutePolicy) => SetMetadata(ROUTE_POLICY, policy satisfies DeclaredPolicy);

/** A route anyone may call with no token: health, metrics, the sign-in itself. */
export const Public = () => SetMetadata(ROUTE_POLICY, 'public' satisfies DeclaredPolicy);

/**
 * What the principal may do on the route it calls: everything it reaches, or only its organisation's part under
 * some roles. Built by the guard, read by handlers to scope reads and refuse writes for others.
 */
export class Access {
  constructor(
    readonly principal: Principal,
    /** The principal acts on everything the route reaches. */
    readonly all: boolean,
    /** The roles under which it acts on its own part (empty when `all`). */
    readonly ownRoles: readonly Role[],
  ) {}

  get organisation(): string {
    return this.principal.organisation;
  }

  /** Under this role, on its own organisation's part. */
  actsAs(role: Role): boolean {
    return this.all || this.ownRoles.includes(role);
  }

  /** May act on what belongs to `owner` under `role` (a financeur on its funder's commitments…). */
  mayActFor(role: Role, owner: string | undefined): boolean {
    return this.all || (this.ownRoles.includes(role) && owner === this.organisation);
  }

  /** Refuses (403, « Accès refusé : » and the reason) unless the principal may act for `owner` under `role`. */
  requireFor(role: Role, owner: string | undefined, reason: string): void {
    if (!this.mayActFor(role, owner)) throw new ForbiddenException(`Accès refusé : ${reason}`);
  }
}

/** The access of a principal to a route of this policy, or undefined when the policy lets none of its roles in. */
export function accessFor(principal: Principal, policy: RoutePolicy): Access | undefined {
  if (principal.roles.includes('admin') || principal.roles.some((r) => policy.all.includes(r)))
    return new Access(principal, true, []);
  const ownRoles = principal.roles.filter((r) => policy.own?.[r] !== undefined);
  return ownRoles.length ? new Access(principal, false, ownRoles) : undefined;
}

/** Every role a policy lets in (admin first), for messages and the matrix. */
export function rolesOf(policy: RoutePolicy): Role[] {
  return [
    'admin',
    ...policy.all.filter((r) => r !== 'admin'),
    ...(Object.keys(policy.own ?? {}) as Role[]).filter((r) => !policy.all.includes(r) && r !== 'admin'),
  ];
}

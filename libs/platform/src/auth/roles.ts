import { ROLES, type Role } from '@cvl/contracts';

export { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@cvl/contracts';

/** Every role but admin (which may always call every route): the policy of what anyone who reads may read. */
export const EVERY_READER: Role[] = ROLES.filter((role): role is Exclude<Role, 'admin'> => role !== 'admin');

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

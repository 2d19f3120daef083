import { decodeActor } from '@cvl/messaging';
import { isRole, type Role } from './roles';

/** Who acts: taken from a verified bearer token, never from an unauthenticated header. */
export interface Principal {
  /** The token's subject (a person or a service account). */
  subject: string;
  /** The organisation acting: a code of the reference data (« maisons-et-cites », « call », « anru »…). */
  organisation: string;
  roles: Role[];
}

/**
 * The actor recorded in events: the principal as it was when it acted (its roles at that time included), kept as a
 * structure so that no subject or organisation can be mistaken for another through a separator.
 */
export type Actor = Principal;

/** The system itself (a relay, a migration): never a person. */
export const SYSTEM_ACTOR: Actor = { subject: 'system', organisation: 'cvl', roles: [] };

/** A subject: what identity providers use (UUIDs, e-mail addresses, « auth0|… »), with no space or control character. */
export const SUBJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+:|-]{0,127}$/;
/** An organisation: a code of the reference data. */
export const ORGANISATION_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The actor as people read it in logs: « subject (organisation) ». Never parsed back. */
export function actorLabel(actor: Actor): string {
  return `${actor.subject} (${actor.organisation})`;
}

/** The actor as stored: a copy, so that later changes to a principal never reach an event. */
export function actorOf(principal: Principal): Actor {
  return { subject: principal.subject, organisation: principal.organisation, roles: [...principal.roles] };
}

/**
 * The principal on whose behalf a consumed integration event was published (its `actor` extension): the actor of
 * what its consumer books in turn. Roles the suite does not know (or no longer knows) are dropped.
 */
export function principalOfEvent(event: { actor: string }): Principal {
  const actor = decodeActor(event.actor);
  return { subject: actor.subject, organisation: actor.organisation, roles: actor.roles.filter(isRole) };
}

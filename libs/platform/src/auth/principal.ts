/** Who acts: taken from a verified bearer token, never from an unauthenticated header. */
export interface Principal {
  /** The token's subject (a person or a system account). */
  subject: string;
  /** The organisation acting (« CALL », « ANRU », « Région Hauts-de-France », …). */
  organisation: string;
  roles: string[];
}

/** The actor string written into events: « subject@organisation ». */
export function actorOf(principal: Principal): string {
  return `${principal.subject}@${principal.organisation}`;
}

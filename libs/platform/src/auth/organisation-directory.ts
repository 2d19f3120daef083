/**
 * Where a process learns which organisations exist: the reference data (funders, and the other organisations that act
 * in the suite). A token's `org` must name one of them; a process that holds no reference data (a programme service
 * alone in distributed mode) has no directory and checks the code's form only.
 */
export interface OrganisationDirectory {
  isKnown(code: string): Promise<boolean>;
}

export const ORGANISATION_DIRECTORY = Symbol('ORGANISATION_DIRECTORY');

/** The platform's own organisation (its operators, the system): known before any reference data is loaded. */
export const PLATFORM_ORGANISATION = 'cvl';

import type { Cents } from '@cvl/money';

/**
 * What kind of refusal, in the domain's terms — never an HTTP status (the edge maps kinds to statuses, see
 * refusalAsProblem): `unknown`, what the command names does not exist; `conflict`, the state it finds does not
 * allow it now (already done, out of order, a version moved); `rule`, a rule of the contract refuses it.
 */
export type RefusalKind = 'unknown' | 'conflict' | 'rule';

/**
 * A command a decider will not carry out, in the users' words (the ledger's, ANRU's, the managing authority's).
 * `field` names what to correct; `kind` says what sort of refusal it is; `excessCents` tells by how much an amount
 * goes beyond what the rule allows.
 */
export interface Refusal {
  refused: true;
  code: string;
  message: string;
  field?: string;
  kind: RefusalKind;
  excessCents?: Cents;
  /** The refusal's name in the service's catalogue, e.g. « Enveloppe dépassée » (the problem's title). */
  title?: string;
}

export const refuse = (
  code: string,
  message: string,
  options: { field?: string; kind?: RefusalKind; excessCents?: Cents } = {},
): Refusal => ({
  refused: true,
  code,
  message,
  kind: options.kind ?? 'rule',
  ...(options.field ? { field: options.field } : {}),
  ...(options.excessCents !== undefined ? { excessCents: options.excessCents } : {}),
});

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as Refusal).refused === true;

/** A refusal code as a service declares it once: its kind, and its title in French (the problem's title). */
export interface RefusalEntry {
  kind: RefusalKind;
  title: string;
}

/** A service's refusals: every code it may answer, and the one way its deciders refuse with them. */
export interface RefusalCatalogue<Code extends string> {
  readonly entries: Readonly<Record<Code, RefusalEntry>>;
  /**
   * A refusal of a code of the catalogue (a code not in it does not compile): the message says what was refused
   * in this case, with its figures; the kind and title are the catalogue's. A code refused in two situations may
   * name another kind for one of them (a condition unknown in the path is not found; in a body, a wrong field).
   */
  refuse(code: Code, message: string, options?: { field?: string; excessCents?: Cents; kind?: RefusalKind }): Refusal;
}

export function refusalCatalogue<Code extends string>(entries: Record<Code, RefusalEntry>): RefusalCatalogue<Code> {
  return {
    entries,
    refuse: (code, message, options = {}) => ({
      ...refuse(code, message, { ...options, kind: options.kind ?? entries[code].kind }),
      title: entries[code].title,
    }),
  };
}

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

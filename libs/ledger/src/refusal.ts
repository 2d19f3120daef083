import type { Cents } from '@cvl/money';

/**
 * A command a decider will not carry out, in the users' words (the ledger's, ANRU's, the managing authority's).
 * `field` names what to correct; `status` is how the API answers (404 unknown, 409 state or version conflict,
 * 422 rule refused); `excessCents` tells by how much an amount goes beyond what the rule allows.
 */
export interface Refusal {
  refused: true;
  code: string;
  message: string;
  field?: string;
  status: 404 | 409 | 422;
  excessCents?: Cents;
}

export const refuse = (
  code: string,
  message: string,
  options: { field?: string; status?: 404 | 409 | 422; excessCents?: Cents } = {},
): Refusal => ({
  refused: true,
  code,
  message,
  status: options.status ?? 422,
  ...(options.field ? { field: options.field } : {}),
  ...(options.excessCents !== undefined ? { excessCents: options.excessCents } : {}),
});

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as Refusal).refused === true;

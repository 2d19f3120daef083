import type { Cents } from '@cvl/money';

/**
 * A command the ledger will not carry out, in the users' words. `field` names what to correct; `status` is how the
 * API answers (404 unknown, 409 state or version conflict, 422 rule refused).
 */
export interface Refusal {
  refused: true;
  code: string;
  message: string;
  field?: string;
  status: 404 | 409 | 422;
  excessCents?: Cents;
}

export function refusal(code: string, message: string, options: { field?: string; status?: 404 | 409 | 422; excessCents?: Cents } = {}): Refusal {
  return { refused: true, code, message, status: options.status ?? 422, ...(options.field ? { field: options.field } : {}), ...(options.excessCents !== undefined ? { excessCents: options.excessCents } : {}) };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}

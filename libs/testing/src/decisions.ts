import type { Refused } from './decision-scenario';

/** The refusal a decider was expected to give, with that code; the test fails with what it did instead. */
export function refusalOf<E extends { type: string }, R extends Refused>(result: E[] | R, code: string): R {
  if (Array.isArray(result))
    throw new Error(`refus ${code} attendu, accepté : ${result.map((e) => e.type).join(', ')}`);
  if (result.code !== code) throw new Error(`refus ${code} attendu, obtenu ${result.code} — ${result.message}`);
  return result;
}

/** The events of a decision expected to be accepted; the test fails with the refusal's words otherwise. */
export function accepted<E, R extends Refused>(result: E[] | R): E[] {
  if (!Array.isArray(result)) throw new Error(`acceptation attendue, refus ${result.code} — ${result.message}`);
  return result;
}

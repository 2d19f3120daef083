/**
 * Euro amounts are bigint cents everywhere in code. A `number` never carries money:
 * doubles cannot hold every cent above 2^53 and silently round below it.
 */
export type Cents = bigint;

export const CENTS_PER_EURO = 100n;

export function euros(wholeEuros: bigint): Cents {
  return wholeEuros * CENTS_PER_EURO;
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

export function absCents(amount: Cents): Cents {
  return amount < 0n ? -amount : amount;
}

export function minCents(a: Cents, b: Cents): Cents {
  return a < b ? a : b;
}

export function maxCents(a: Cents, b: Cents): Cents {
  return a > b ? a : b;
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'bigint';
}

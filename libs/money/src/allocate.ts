import { Cents, absCents } from './cents';
import { AllocationError } from './errors';

const MAX_PARTS = 100_000;

/**
 * Splits `total` across `weights` so the parts add up exactly to the total (largest-remainder method).
 * Each part is the floor of its exact share; the cents left over go one by one to the largest remainders,
 * ties to the earlier weight, so the result is deterministic. A negative total is split as its magnitude, negated.
 */
export function allocate(total: Cents, weights: readonly bigint[]): Cents[] {
  if (weights.length === 0) throw new AllocationError('Répartition impossible : aucune clé de répartition');
  if (weights.length > MAX_PARTS) throw new AllocationError(`Répartition impossible : plus de ${MAX_PARTS} parts`);
  weights.forEach((weight, index) => {
    if (weight < 0n)
      throw new AllocationError(`Répartition impossible : la clé n° ${index + 1} est négative (${weight})`);
  });
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum === 0n) throw new AllocationError('Répartition impossible : la somme des clés est nulle');

  const magnitude = absCents(total);
  const parts = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (magnitude * weight) % weightSum }));
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }
  return total < 0n ? parts.map((part) => -part) : parts;
}

/** Splits `total` into `count` equal parts to the cent (the first parts take the extra cents). */
export function allocateEvenly(total: Cents, count: number): Cents[] {
  if (!Number.isInteger(count) || count < 1)
    throw new AllocationError(`Répartition impossible : nombre de parts invalide (${count})`);
  return allocate(
    total,
    Array.from({ length: count }, () => 1n),
  );
}

/** Share of a base at a rate in basis points (1 % = 100 bp), rounded down to the cent. */
export function shareOfBase(baseCents: Cents, rateBasisPoints: bigint): Cents {
  return (baseCents * rateBasisPoints) / 10_000n;
}

/**
 * The rate a part is of a whole, in basis points (0,01 %), rounded half-up: 41 666,67 € of 100 000,00 € is 41,67 %,
 * never the truncated 41,66 %. Integer arithmetic only; parts are not negative.
 */
export function rateBasisPointsOf(partCents: Cents, wholeCents: Cents): bigint {
  if (wholeCents <= 0n) throw new RangeError('taux d’un tout nul ou négatif');
  if (partCents < 0n) throw new RangeError('taux d’une part négative');
  return (partCents * 20_000n + wholeCents) / (2n * wholeCents);
}

/** The same rate, or nothing when there is no whole to compare with (an operation with no base yet, a claim unpaid). */
export function rateBasisPointsOrNone(partCents: Cents, wholeCents: Cents): bigint | undefined {
  return wholeCents <= 0n ? undefined : rateBasisPointsOf(partCents, wholeCents);
}

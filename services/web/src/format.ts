import { formatEurosFr, formatIntegerFr, fromDecimalString } from '@cvl/money';

/** An amount as the API gives it (« 1700000.00 ») in French (« 1 700 000,00 € »): exact, through bigint cents. */
export function euros(decimal: string | undefined | null): string {
  if (decimal === undefined || decimal === null || decimal === '') return '—';
  return formatEurosFr(fromDecimalString(decimal));
}

export const eurosOfCents = (amount: bigint) => formatEurosFr(amount);

/** Cents of an amount as the API gives it: for sums and the charts' proportions, in bigint. */
export function cents(decimal: string): bigint {
  return fromDecimalString(decimal);
}

export const integer = (value: number | bigint) => formatIntegerFr(value);

const PARIS = 'Europe/Paris';

/** « 2016-03-15 » → « 15/03/2016 » (a calendar date: no time zone involved). */
export function date(iso: string | undefined | null): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** An instant in Paris time: « 15/03/2016 à 14:05:09 ». */
export function instant(iso: string | undefined | null): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = at.toLocaleDateString('fr-FR', { timeZone: PARIS });
  const time = at.toLocaleTimeString('fr-FR', { timeZone: PARIS });
  return `${day} à ${time}`;
}

/** Today's date in Paris, as an ISO day (the default « arrêté au »). */
export function todayInParis(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: PARIS });
}

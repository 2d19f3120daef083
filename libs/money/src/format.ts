import { Cents, absCents } from './cents';
import { MoneyParseError } from './errors';

/** Group separator used in what people read: a plain space, as in « 1 700 000,00 € ». */
export const FRENCH_GROUP_SEPARATOR = ' ';

function groupThousands(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return groups.join(separator);
}

function splitCents(amount: Cents): { sign: string; euros: string; cents: string } {
  const magnitude = absCents(amount);
  return {
    sign: amount < 0n ? '-' : '',
    euros: (magnitude / 100n).toString(),
    cents: (magnitude % 100n).toString().padStart(2, '0'),
  };
}

export interface FrenchFormatOptions {
  /** Append « € » (default true). */
  symbol?: boolean;
  /** Thousands separator (default a plain space). */
  groupSeparator?: string;
}

/** « 1 700 000,00 € » — the way French readers expect a euro figure. */
export function formatEurosFr(amount: Cents, options: FrenchFormatOptions = {}): string {
  const { sign, euros, cents } = splitCents(amount);
  const grouped = groupThousands(euros, options.groupSeparator ?? FRENCH_GROUP_SEPARATOR);
  const text = `${sign}${grouped},${cents}`;
  return options.symbol === false ? text : `${text} €`;
}

/** « 12 500 » — a whole number (a count, not money) grouped the way French readers expect. */
export function formatIntegerFr(value: bigint | number, groupSeparator = FRENCH_GROUP_SEPARATOR): string {
  const whole = BigInt(value);
  return `${whole < 0n ? '-' : ''}${groupThousands((whole < 0n ? -whole : whole).toString(), groupSeparator)}`;
}

/** « 1700000.00 » — amounts over JSON are decimal strings in euros with two decimals. */
export function toDecimalString(amount: Cents): string {
  const { sign, euros, cents } = splitCents(amount);
  return `${sign}${euros}.${cents}`;
}

const DECIMAL_STRING = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Reads a JSON decimal string (« 1700000.00 », « 12.5 », « 42 »); refuses anything finer than a cent. */
export function fromDecimalString(text: string): Cents {
  const match = DECIMAL_STRING.exec(text);
  if (!match) {
    throw new MoneyParseError(
      text,
      'attendu un nombre décimal en euros avec au plus deux décimales, par ex. « 1700000.00 »',
    );
  }
  const [, minus, whole, fraction = ''] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

const SAFE_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A number for a spreadsheet cell (XLSX keeps doubles): the nearest double to the decimal euros, exactly what
 * typing the amount into Excel stores; its shortest text reads back as the same cents. Only at that boundary.
 */
export function toSpreadsheetNumber(amount: Cents): number {
  if (amount > SAFE_CENTS || amount < -SAFE_CENTS)
    throw new RangeError(`montant hors de la précision d’un tableur : ${amount}`);
  return Number(amount) / 100;
}

import { Cents } from './cents';
import { MoneyParseError } from './errors';

/**
 * Reads the euro notations of the contract's text: « 1,7 M€ », « 630k€ », « 150 000 € », « 11.250 € »,
 * « 14,4 millions € », « 1 700 000,00 € », « 1700000.00 ». A dot followed by groups of exactly three digits
 * separates thousands (French usage, « 11.250 € » is eleven thousand); a comma is the decimal mark.
 */

const SCALE_EUROS: Record<string, bigint> = {
  '': 1n,
  k: 1_000n,
  millier: 1_000n,
  milliers: 1_000n,
  m: 1_000_000n,
  million: 1_000_000n,
  millions: 1_000_000n,
  md: 1_000_000_000n,
  mds: 1_000_000_000n,
  milliard: 1_000_000_000n,
  milliards: 1_000_000_000n,
};

const AMOUNT =
  /^(-)?(\d{1,3}(?:[ .]\d{3})+|\d+)(?:[,.](\d+))?(?: ?(k|m|mds|md|millions?|milliards?|milliers?))?(?: ?(€|eur|euros?|d'euros?|d'€))?$/;

const EXAMPLES = 'attendu par ex. « 1,7 M€ », « 630 k€ », « 150 000 € » ou « 1 700 000,00 € »';

/** Folds the spaces a PDF conversion or a spreadsheet may produce, and the typographic apostrophe. */
function normalise(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2009\u2007\t]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface ScaledAmount {
  cents: Cents;
  /** The unit word or letter as read (« k », « m », « millions »), '' when none: a range's left side inherits it. */
  unit: string;
  hasCurrency: boolean;
}

function readScaled(original: string, text: string): ScaledAmount {
  const match = AMOUNT.exec(text);
  if (!match) throw new MoneyParseError(original, EXAMPLES);
  const [, minus, wholeText, fraction = '', unit = '', currency] = match;
  return {
    cents: toCents(original, minus === '-', wholeText.replace(/[ .]/g, ''), fraction, SCALE_EUROS[unit]),
    unit,
    hasCurrency: currency !== undefined,
  };
}

function toCents(original: string, negative: boolean, whole: string, fraction: string, scaleEuros: bigint): Cents {
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = (BigInt(whole) * denominator + BigInt(fraction || '0')) * scaleEuros * 100n;
  if (numerator % denominator !== 0n) {
    throw new MoneyParseError(original, 'précision plus fine que le centime');
  }
  const cents = numerator / denominator;
  return negative ? -cents : cents;
}

/** Parses one amount. Throws MoneyParseError quoting the input when it is not one. */
export function parseAmount(input: string): Cents {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new MoneyParseError(String(input ?? ''), 'montant vide');
  }
  const text = normalise(input);
  if (text === 'p.m.' || text === 'pm' || text === 'p.m') {
    throw new MoneyParseError(input, '« p.m. » (pour mémoire) n’est pas un montant : il reste hors des totaux');
  }
  return readScaled(input, text).cents;
}

export interface AmountRange {
  kind: 'range';
  minCents: Cents;
  maxCents: Cents;
  /** The central value, when the source states one: it is not always the midpoint. */
  centralCents?: Cents;
}

export interface SingleAmount {
  kind: 'amount';
  cents: Cents;
}

export type Figure = SingleAmount | AmountRange;

const RANGE = /^(?:de |entre )?(.+?) (?:à|a|et) (.+)$/;

/**
 * Parses an amount or a range (« 500 à 1 000 k€ », « de 500 k€ à 1 M€ », « entre 2 et 3 M€ »). The left bound
 * takes the right bound's unit when it has none, as the French notation implies.
 */
export function parseFigure(input: string): Figure {
  const text = normalise(input ?? '');
  const range = RANGE.exec(text);
  if (!range) return { kind: 'amount', cents: parseAmount(input) };
  const [, leftText, rightText] = range;
  const right = readScaled(input, rightText);
  const leftOwn = readScaled(input, leftText);
  const left =
    leftOwn.unit === '' && !leftOwn.hasCurrency && right.unit !== ''
      ? readScaled(input, `${leftText} ${right.unit}`)
      : sharesThousands(leftText, rightText)
        ? readScaled(input, `${leftText} 000`)
        : leftOwn;
  return makeRange(input, left.cents, right.cents);
}

/**
 * « 3 à 6 000 € », « 10 à 30 000 € », « 60 à 100 000 € »: in French the bare left bound shares the right bound's
 * thousands (3 000 to 6 000 €), as it shares its unit in « 500 à 1 000 k€ ».
 */
function sharesThousands(leftText: string, rightText: string): boolean {
  return /^\d{1,3}$/.test(leftText) && /^\d{1,3} 000(?:,\d+)?(?: ?(?:€|eur|euros?))?$/.test(rightText);
}

function makeRange(input: string, minCents: Cents, maxCents: Cents, centralCents?: Cents): AmountRange {
  if (minCents > maxCents) {
    throw new MoneyParseError(input, 'la borne basse dépasse la borne haute');
  }
  if (centralCents !== undefined && (centralCents < minCents || centralCents > maxCents)) {
    throw new MoneyParseError(input, 'la valeur centrale sort de la fourchette');
  }
  return centralCents === undefined
    ? { kind: 'range', minCents, maxCents }
    : { kind: 'range', minCents, maxCents, centralCents };
}

/** Attaches the central value a source states for a range (checked to lie within it). */
export function withCentral(range: AmountRange, centralCents: Cents, source = 'valeur centrale'): AmountRange {
  return makeRange(source, range.minCents, range.maxCents, centralCents);
}

/**
 * The value of one unit of the last digit an amount is written with: « 6,8 M€ » is written to 100 000 €, « 110 M€ »
 * to the million, « 14 830 € » to the euro. A figure within half of it of the exact sum is that sum rounded to the
 * precision shown. Undefined for what is not one amount (a range, « p.m. »).
 */
export function displayedPrecisionCents(input: string): Cents | undefined {
  const match = AMOUNT.exec(normalise(input ?? ''));
  if (!match) return undefined;
  const [, , , fraction = '', unit = ''] = match;
  return (SCALE_EUROS[unit] * 100n) / 10n ** BigInt(fraction.length) || 1n;
}

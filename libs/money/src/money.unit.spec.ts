import fc from 'fast-check';
import {
  allocate,
  rateBasisPointsOf,
  allocateEvenly,
  displayedPrecisionCents,
  AllocationError,
  formatEurosFr,
  fromDecimalString,
  MoneyParseError,
  parseAmount,
  parseFigure,
  shareOfBase,
  toDecimalString,
  toSpreadsheetNumber,
  withCentral,
} from './index';

const RUNS = { numRuns: 1000 };
const anyCents = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n });

describe('parseAmount: the notations of the contract', () => {
  it.each([
    ['1,7 M€', 170_000_000n],
    ['630k€', 63_000_000n],
    ['630 k€', 63_000_000n],
    ['150 000 €', 15_000_000n],
    ['11.250 €', 1_125_000n],
    ['14,4 millions €', 1_440_000_000n],
    ["14,4 millions d'euros", 1_440_000_000n],
    ['1 700 000,00 €', 170_000_000n],
    ['1\u202f700\u202f000,00\u00a0€', 170_000_000n],
    ['1700000.00', 170_000_000n],
    ['12.5', 1_250n],
    ['259M€', 25_900_000_000n],
    ['1,2 Md€', 120_000_000_000n],
    ['-2 500,50 €', -250_050n],
    ['81 M€', 8_100_000_000n],
  ])('reads « %s »', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each([['abc'], [''], ['1,2,3 €'], ['12 34 €'], ['1 M$'], ['0,001 €']])('refuses « %s » and quotes it', (text) => {
    expect(() => parseAmount(text)).toThrow(MoneyParseError);
    expect(() => parseAmount(text)).toThrow(`« ${text} »`);
  });

  it('says p.m. is outside the totals rather than an amount', () => {
    expect(() => parseAmount('p.m.')).toThrow(/pour mémoire/);
  });
});

describe('parseFigure: amounts and ranges', () => {
  it('reads « 500 à 1 000 k€ » as a range whose left bound takes the unit', () => {
    expect(parseFigure('500 à 1 000 k€')).toEqual({ kind: 'range', minCents: 50_000_000n, maxCents: 100_000_000n });
  });
  it('reads ranges with their own units and « entre … et … »', () => {
    expect(parseFigure('de 500 k€ à 1,5 M€')).toEqual({ kind: 'range', minCents: 50_000_000n, maxCents: 150_000_000n });
    expect(parseFigure('entre 2 et 3 M€')).toEqual({ kind: 'range', minCents: 200_000_000n, maxCents: 300_000_000n });
  });
  it('lets a bare left bound share the thousands of the right one, as French writes « 3 à 6 000 € »', () => {
    expect(parseFigure('3 à 6 000 €')).toEqual({ kind: 'range', minCents: 300_000n, maxCents: 600_000n });
    expect(parseFigure('60 à 100 000 €')).toEqual({ kind: 'range', minCents: 6_000_000n, maxCents: 10_000_000n });
    expect(parseFigure('7 100 € à 11 000 €')).toEqual({ kind: 'range', minCents: 710_000n, maxCents: 1_100_000n });
    expect(parseFigure("100 000 et 1 000 000 d'euros")).toEqual({
      kind: 'range',
      minCents: 10_000_000n,
      maxCents: 100_000_000n,
    });
  });

  it('reads a single amount', () => {
    expect(parseFigure('45 M€')).toEqual({ kind: 'amount', cents: 4_500_000_000n });
  });
  it('refuses an inverted range', () => {
    expect(() => parseFigure('1 000 à 500 k€')).toThrow(/borne basse/);
  });
  it('keeps a stated central value only within the range', () => {
    const range = parseFigure('500 à 1 000 k€');
    if (range.kind !== 'range') throw new Error('expected a range');
    expect(withCentral(range, 60_000_000n).centralCents).toBe(60_000_000n);
    expect(() => withCentral(range, 10n)).toThrow(/centrale/);
  });
});

describe('displayedPrecisionCents: the precision a figure is written to', () => {
  it('is one unit of the last digit written, in the unit written', () => {
    expect(displayedPrecisionCents('6,8M€')).toBe(10_000_000n);
    expect(displayedPrecisionCents('110 M€')).toBe(100_000_000n);
    expect(displayedPrecisionCents('14 830 euros')).toBe(100n);
    expect(displayedPrecisionCents('1 700 000,00 €')).toBe(1n);
    expect(displayedPrecisionCents('630k€')).toBe(100_000n);
    expect(displayedPrecisionCents('500 à 1 000 k€')).toBeUndefined();
    expect(displayedPrecisionCents('à définir')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('formats the French way and as JSON decimals', () => {
    expect(formatEurosFr(170_000_000n)).toBe('1 700 000,00 €');
    expect(formatEurosFr(5n)).toBe('0,05 €');
    expect(formatEurosFr(-123_456n, { symbol: false })).toBe('-1 234,56');
    expect(toDecimalString(170_000_000n)).toBe('1700000.00');
    expect(toDecimalString(-7n)).toBe('-0.07');
  });
  it('refuses JSON decimals finer than a cent or not numbers', () => {
    expect(() => fromDecimalString('1.234')).toThrow(/« 1.234 »/);
    expect(() => fromDecimalString('1e6')).toThrow(MoneyParseError);
  });

  it('parse ∘ formatEurosFr is the identity (property)', () => {
    fc.assert(
      fc.property(anyCents, (cents) => parseAmount(formatEurosFr(cents)) === cents),
      RUNS,
    );
  });
  it('a spreadsheet number reads back as the same cents (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        (cents) => fromDecimalString(String(toSpreadsheetNumber(cents)).replace(/^(-?\d+)$/, '$1.00')) === cents,
      ),
      RUNS,
    );
  });

  it('fromDecimalString ∘ toDecimalString is the identity (property)', () => {
    fc.assert(
      fc.property(anyCents, (cents) => fromDecimalString(toDecimalString(cents)) === cents),
      RUNS,
    );
  });
  it('reads generated k€ and M€ notations exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 9 }), (whole, tenth) => {
        expect(parseAmount(`${whole} k€`)).toBe(whole * 100_000n);
        expect(parseAmount(`${whole},${tenth} M€`)).toBe(whole * 100_000_000n + BigInt(tenth) * 10_000_000n);
      }),
      RUNS,
    );
  });
});

describe('allocate: largest remainder', () => {
  it('splits exactly and deterministically', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(allocate(1_000n, [50n, 30n, 20n])).toEqual([500n, 300n, 200n]);
    expect(allocateEvenly(10n, 4)).toEqual([3n, 3n, 2n, 2n]);
    expect(shareOfBase(100_000n, 5_000n)).toBe(50_000n);
  });
  it('refuses what cannot be split', () => {
    expect(() => allocate(10n, [])).toThrow(AllocationError);
    expect(() => allocate(10n, [0n, 0n])).toThrow(/nulle/);
    expect(() => allocate(10n, [1n, -1n])).toThrow(/négative/);
  });
  it('parts always add up to the whole and stay within one cent of the exact share (property)', () => {
    fc.assert(
      fc.property(
        anyCents,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 40 }),
        (total, raw) => {
          const weights = raw.some((w) => w > 0n) ? raw : [...raw.slice(1), 1n];
          const parts = allocate(total, weights);
          const weightSum = weights.reduce((s, w) => s + w, 0n);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
          parts.forEach((part, i) => {
            const exactTimesSum = total * weights[i];
            const gap = part * weightSum - exactTimesSum;
            expect(gap < 0n ? -gap : gap).toBeLessThan(weightSum);
          });
        },
      ),
      RUNS,
    );
  });
});

describe('a rate of a whole, in basis points', () => {
  it('rounds half-up to 0,01 %: 41 666,67 € of 100 000,00 € is 41,67 %, a third 33,33 %, half a basis point up', () => {
    expect(rateBasisPointsOf(4_166_667n, 10_000_000n)).toBe(4_167n);
    expect(rateBasisPointsOf(3_333_333n, 10_000_000n)).toBe(3_333n);
    expect(rateBasisPointsOf(5n, 10_000n)).toBe(5n);
    expect(rateBasisPointsOf(1n, 20_000n)).toBe(1n); // 0,5 bp → 1
    expect(rateBasisPointsOf(1n, 20_001n)).toBe(0n);
    expect(rateBasisPointsOf(10_000_000n, 10_000_000n)).toBe(10_000n);
  });

  it('refuses a whole that is not positive and a negative part', () => {
    expect(() => rateBasisPointsOf(1n, 0n)).toThrow(RangeError);
    expect(() => rateBasisPointsOf(-1n, 10n)).toThrow(RangeError);
  });
});

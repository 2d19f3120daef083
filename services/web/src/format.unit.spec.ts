import { formatEurosFr } from '@cvl/money';
import { date, euros, instant, todayInParis } from './format';
import { statusSegments } from './figures';

describe('what the web application shows people: French figures, dates in Paris time', () => {
  it('formats the API’s decimal amounts exactly, through cents, as the ledger does', () => {
    expect(euros('1700000.00')).toBe(formatEurosFr(170_000_000n));
    expect(euros('1700000.00')).toMatch(/^1\s700\s000,00\s€$/u);
    expect(euros('-30000.00')).toBe(formatEurosFr(-3_000_000n));
    // 0.1 + 0.2 is no issue here: no float ever holds the amount.
    expect(euros('0.30')).toBe(formatEurosFr(30n));
    expect(euros(undefined)).toBe('—');
  });

  it('writes calendar dates day first and instants in Paris time, summer and winter', () => {
    expect(date('2016-03-15')).toBe('15/03/2016');
    expect(instant('2016-03-15T13:05:09Z')).toBe('15/03/2016 à 14:05:09');
    expect(instant('2016-07-15T13:05:09Z')).toBe('15/07/2016 à 15:05:09');
    expect(todayInParis()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('splits firm money into paid and still to pay, so that a bar sums to what is committed', () => {
    const segments = statusSegments({
      indicative: '10.00',
      conditional: '0.00',
      firm: '1600000.00',
      paid: '480000.00',
      outstanding: '1120000.00',
    });
    expect(segments).toEqual({ indicative: '10.00', conditional: '0.00', firmUnpaid: '1120000.00', paid: '480000.00' });
  });
});

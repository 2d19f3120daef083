import { conforms } from '@cvl/testing';
import { paymentRuleFor } from '../domain/payment-rules';
import { baseline, commitment, funder, operation } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { preFinancingForecast, type PreFinancingForecast } from './pre-financing';
import type { PreFinancingResponse } from './pre-financing.responses';

/**
 * A demolition of 1 200 000 € over 2017 (100 000 € a month) by Pas-de-Calais Habitat: the Région gives 600 000 €
 * (no act yet: notified, for the forecast, when the works start), the State 240 000 € notified on 15/11/2016 —
 * 840 000 € of aid, 360 000 € its own share.
 */
function demolition(): Scenario {
  return baseline(new Scenario())
    .given(funder('pdch'))
    .given(funder('etat', 'state'))
    .given(
      operation({
        operationId: 'demolition',
        projectOwner: 'pdch',
        eligibleBaseCents: 1_200_000_00n,
        start: '2017-01-01',
        end: '2017-12-31',
      }),
    )
    .given(
      commitment({
        commitmentId: 'region',
        funder: 'region',
        amountCents: 600_000_00n,
        attribution: { label: 'Part Région', year: 2017, scale: 'CALL', operation: 'demolition' },
      }),
    )
    .given(
      commitment({
        commitmentId: 'etat',
        funder: 'etat',
        status: 'firm',
        act: { reference: 'Arrêté 2016-301', date: '2016-11-15' },
        amountCents: 240_000_00n,
        attribution: { label: 'Part État', year: 2016, scale: 'CALL', operation: 'demolition' },
        trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: '2016-11-15' }),
      }),
    );
}

describe('the pre-financing forecast', () => {
  it('takes the rule of the aid’s category in force on its notification, the default otherwise', () => {
    expect(paymentRuleFor('state', '2016-11-15').id).toBe('etat-decret-99-1060');
    expect(paymentRuleFor('state', '2018-10-01').id).toBe('etat-decret-2018-514');
    expect(paymentRuleFor('eu', '2017-01-01').id).toBe('fonds-europeens-remboursement');
    expect(paymentRuleFor('region', '2017-01-01').id).toBe('defaut');
  });

  it('month by month: spending, each funder’s payments by its rule, and the aid spent but not yet received (by hand)', () => {
    const forecast = preFinancingForecast(demolition().state, 'pdch');
    const k = (decimal: string) => Number(decimal) / 1000;
    // The State: 5 % advance (12 000) two months after the start, instalments of 20 000 two months after each
    // month's claim until 80 % (192 000: the September claim reaches it), the balance of 48 000 four months after
    // the end. The Région: no advance, 50 000 a claim until 480 000 (the October claim pays 30 000), 120 000 in
    // April 2018. The aid finances 70 000 of each month's 100 000.
    expect(forecast.months.map((m) => [m.month, k(m.out), k(m.in), k(m.gap)])).toEqual([
      ['2017-01', 100, 0, 70],
      ['2017-02', 100, 0, 140],
      ['2017-03', 100, 82, 128],
      ['2017-04', 100, 70, 128],
      ['2017-05', 100, 70, 128],
      ['2017-06', 100, 70, 128],
      ['2017-07', 100, 70, 128],
      ['2017-08', 100, 70, 128],
      ['2017-09', 100, 70, 128],
      ['2017-10', 100, 70, 128],
      ['2017-11', 100, 70, 128],
      ['2017-12', 100, 30, 168],
      ['2018-01', 0, 0, 168],
      ['2018-02', 0, 0, 168],
      ['2018-03', 0, 0, 168],
      ['2018-04', 0, 168, 0],
    ]);
    expect(forecast.peak).toEqual({ amount: '168000.00', amountFormatted: '168 000,00 €', month: '2017-12' });
    expect(forecast.totals).toEqual({ out: '1200000.00', in: '840000.00', ownShare: '360000.00' });
    expect(forecast.operations[0]).toMatchObject({ ownShare: '360000.00' });
    expect(forecast.operations[0].aids.map((a) => [a.funder, a.rule, a.notified])).toEqual([
      ['region', 'defaut', '2017-01-01'],
      ['etat', 'etat-decret-99-1060', '2016-11-15'],
    ]);
    expect(forecast.rules.map((r) => r.id)).toEqual(['defaut', 'etat-decret-99-1060']);
  });

  it('has nothing to forecast for an owner without a dated operation', () => {
    const forecast = preFinancingForecast(demolition().state, 'mc');
    expect([forecast.months, forecast.peak.month, forecast.totals.out]).toEqual([[], null, '0.00']);
  });
});

// The type-check of this file holds the documented response to the view the route returns.
describe('the documented response of the forecast', () => {
  it('is the view the route returns', () => {
    expect(conforms<PreFinancingForecast, PreFinancingResponse>('préfinancement')).toBeDefined();
  });
});

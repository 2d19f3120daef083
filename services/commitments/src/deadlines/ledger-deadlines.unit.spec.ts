import { baseline, commitment, funder, operation } from '../test-support/fixtures';
import { firmed, pay } from '../test-support/lifecycle';
import { Scenario, trace } from '../test-support/scenario';
import { ledgerDeadlines, subsidyDecree } from './ledger-deadlines';

const firm = (
  commitmentId: string,
  funderCode: string,
  amountCents: bigint,
  act: { reference: string; date: string },
  op?: string,
) =>
  commitment({
    commitmentId,
    funder: funderCode,
    status: 'firm',
    act,
    amountCents,
    attribution: {
      label: `Subvention ${commitmentId}`,
      year: +act.date.slice(0, 4),
      scale: 'CALL',
      ...(op ? { operation: op } : {}),
    },
    trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: act.date }),
  });

/**
 * The FEDER: 100 000 € firm in 2016 (60 000 € paid), 50 000 € firm in 2017. The State: a demolition subsidy of
 * 200 000 € notified on 02/05/2016 and never paid; another notified the same day, already paid an advance; a study
 * subsidy never paid; a demolition subsidy notified on 15/11/2018 (the new decree).
 */
function ledger(): Scenario {
  return baseline(new Scenario())
    .given(funder('feder', 'eu'))
    .given(funder('etat', 'state'))
    .given(operation({ operationId: 'demolition', nature: 'demolition', start: undefined }))
    .given(operation({ operationId: 'etude', nature: 'etude', start: undefined }))
    .given(commitment({ commitmentId: 'f16', funder: 'feder', amountCents: 100_000_00n }))
    .given(firmed('f16'))
    .given(pay('f16', 'p1', 'acompte', 60_000_00n))
    .given(firm('f17', 'feder', 50_000_00n, { reference: 'Convention FEDER 2017-3', date: '2017-03-01' }))
    .given(
      firm('etat-demolition', 'etat', 200_000_00n, { reference: 'Arrêté 2016-118', date: '2016-05-02' }, 'demolition'),
    )
    .given(firm('etat-paye', 'etat', 100_000_00n, { reference: 'Arrêté 2016-119', date: '2016-05-02' }, 'demolition'))
    .given(pay('etat-paye', 'a1', 'avance', 30_000_00n))
    .given(firm('etat-etude', 'etat', 50_000_00n, { reference: 'Arrêté 2016-120', date: '2016-05-02' }, 'etude'))
    .given(firm('etat-2018', 'etat', 80_000_00n, { reference: 'Arrêté 2018-501', date: '2018-11-15' }, 'demolition'));
}

const everyone = () => true;
const line = (d: ReturnType<typeof ledgerDeadlines>[number]) =>
  [d.ref, d.due, d.state, d.days, d.amount ?? ''].join(' ');

describe('the deadlines the ledger sets', () => {
  it('tells each EU tranche with money left by 31/12/n+3, late once past', () => {
    const state = ledger().state;
    // 01/06/2019 → 31/12/2019: 213 days; the 2016 tranche keeps 40 000 € (60 000 paid of 100 000); 2017's is beyond.
    const june2019 = ledgerDeadlines(state, (f) => f === 'feder', '2019-06-01', '2020-06-01');
    expect(june2019.map(line)).toEqual(['n3-feder-2016 2019-12-31 a-venir 213 40000.00']);
    expect(june2019[0]).toMatchObject({ kind: 'degagement-n3', amountFormatted: '40 000,00 €' });
    // On 01/02/2020 the 2016 tranche's remainder is released already: late by 32 days.
    expect(ledgerDeadlines(state, (f) => f === 'feder', '2020-02-01', '2020-06-01').map(line)).toEqual([
      'n3-feder-2016 2019-12-31 en-retard -32 40000.00',
    ]);
  });

  it('tells a State subsidy for works, unpaid, two years after its notification — under the decree of its date', () => {
    const state = ledger().state;
    // 01/07/2017 → 02/05/2018: 305 days. The one paid an advance has started; the study is no works; the 2018 one
    // falls due on 15/11/2020, beyond the horizon.
    const got = ledgerDeadlines(state, (f) => f === 'etat', '2017-07-01', '2019-01-01');
    expect(got.map(line)).toEqual(['caducite-etat-demolition 2018-05-02 a-venir 305 200000.00']);
    expect(got[0].effect).toContain('décret n° 99-1060 du 16 décembre 1999, art. 10');
    expect(got[0]).toMatchObject({ kind: 'caducite', commitmentId: 'etat-demolition', act: 'Arrêté 2016-118' });
    // 01/06/2019 → 15/11/2020: 533 days, under the decree of 2018; the 2016 one is late by then.
    expect(ledgerDeadlines(state, (f) => f === 'etat', '2019-06-01', '2021-01-01').map(line)).toEqual([
      'caducite-etat-demolition 2018-05-02 en-retard -395 200000.00',
      'caducite-etat-2018 2020-11-15 a-venir 533 80000.00',
    ]);
    expect(subsidyDecree('2018-11-15')).toEqual({ text: 'décret n° 2018-514 du 25 juin 2018', article: 'art. 11' });
  });

  it('keeps to the funders asked for', () => {
    const state = ledger().state;
    expect(ledgerDeadlines(state, (f) => f === 'region', '2016-01-01', '2030-01-01')).toEqual([]);
    expect(ledgerDeadlines(state, everyone, '2019-06-01', '2021-01-01').map((d) => d.ref)).toEqual([
      'n3-feder-2016',
      'n3-feder-2017',
      'caducite-etat-demolition',
      'caducite-etat-2018',
    ]);
  });
});

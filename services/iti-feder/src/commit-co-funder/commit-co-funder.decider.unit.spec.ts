import { accepted, refusalOf } from '@cvl/testing';
import { bookingRequestOf } from '../infrastructure/published-events';
import { decideCommitCoFunder } from './commit-co-funder.decider';
import { application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

const commit = (funder: string, act = { reference: 'Délibération CP Région 2016-412', date: '2016-09-12' }) =>
  ((st) => decideCommitCoFunder({ operationId: 'op', funder, act, trace: trace(act.date) }, st)) satisfies Parameters<
    ItiScenario['when']
  >[0];

describe('a co-funder of an ITI operation commits by its own act', () => {
  it('once programmed, once per co-funder, never before the committee — and the ledger is asked to firm its line', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    refusalOf(s.when(commit('region')), 'not-programmed');
    through(s, 'op'); // programmed in committee on 2016-06-15
    expect(refusalOf(s.when(commit('ademe')), 'unknown-co-funder').message).toContain('cofinanceurs : region, call');
    expect(
      refusalOf(s.when(commit('region', { reference: 'Délibération', date: '2016-05-01' })), 'act-before-programming')
        .field,
    ).toBe('act.date');
    expect(refusalOf(s.when(commit('region', { reference: ' ', date: '2016-09-12' })), 'act-required').field).toBe(
      'act.reference',
    );
    const [event] = accepted(s.when(commit('region')));
    if (event.type !== 'iti-feder.co-funder-committed') throw new Error(event.type);
    expect(event.data).toMatchObject({ funder: 'region', amount: '400000.00' });
    expect(refusalOf(s.when(commit('region')), 'co-funder-committed').message).toContain('2016-09-12');
    accepted(s.when(commit('call', { reference: 'Délibération du conseil communautaire', date: '2016-10-03' })));
    // The request: the Région's line alone, firm on the Région's act, dated by it.
    const request = bookingRequestOf(event);
    expect(request).toMatchObject({
      request: { step: 'acte-region' },
      movement: 'commitment',
      lines: [{ funder: 'region', amount: '400000.00', status: 'firm', act: event.data.act }],
      trace: { effectiveDate: '2016-09-12', source: { kind: 'act', reference: 'Délibération CP Région 2016-412' } },
    });
  });
});

import { accepted, refusalOf } from '@cvl/testing';
import { decideSetEnvelope } from './set-envelope.decider';
import { application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

describe('ITI envelope and strategy', () => {
  it('sets the envelope by axis (81 M€) and versions each avenant, never below what is programmed', () => {
    const s = new ItiScenario().given(envelope);
    expect(s.state?.axes.map((a) => a.amount)).toEqual(['12000000.00', '6000000.00', '36000000.00', '27000000.00']);
    refusalOf(s.when(envelope), 'act-required');
    s.given(strategy).given(application('op1'));
    through(s, 'op1');
    const avenant = (callShareCents: bigint) => (st: ItiScenario['state']) =>
      decideSetEnvelope(
        {
          programmeId: 'iti-call',
          axes: [{ axis: 3, label: 'Axe 3', amountCents: 3_600_000_000n, callShareCents }],
          act: { reference: 'Avenant ITI n° 1', date: '2015-12-31' },
          trace: trace('2015-12-31'),
        },
        st,
      );
    expect(refusalOf(s.when(avenant(50_000_000n)), 'below-programmed').excessCents).toBe(30_000_000n);
    accepted(s.when(avenant(400_000_000n)));
    expect(s.state?.envelopeVersion).toBe(2);
    expect(s.state?.envelopeHistory.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a share above the regional envelope, unknown axes and priorities', () => {
    const s = new ItiScenario();
    refusalOf(
      s.when((st) =>
        decideSetEnvelope(
          { programmeId: 'p', axes: [{ axis: 3, label: 'x', amountCents: 10n, callShareCents: 11n }], trace: trace() },
          st,
        ),
      ),
      'share-above-envelope',
    );
    refusalOf(
      s.when((st) =>
        decideSetEnvelope({ programmeId: 'p', axes: [{ axis: 9, label: 'x', amountCents: 10n }], trace: trace() }, st),
      ),
      'unknown-axis',
    );
    refusalOf(
      s.when((st) =>
        decideSetEnvelope(
          { programmeId: 'p', axes: [{ axis: 3, label: 'x', amountCents: 10n, priorities: ['6c'] }], trace: trace() },
          st,
        ),
      ),
      'unknown-priority',
    );
  });
});

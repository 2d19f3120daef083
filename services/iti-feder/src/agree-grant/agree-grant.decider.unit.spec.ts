import { accepted, refusalOf } from '@cvl/testing';
import { decideAgreeGrant } from './agree-grant.decider';
import { agreementAct, application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

describe('the grant agreement (convention attributive): the legal commitment of the programmed lines', () => {
  it('follows the programming, names its act, and asks the ledger to firm the FEDER line — no co-funder’s', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    refusalOf(
      s.when((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace() }, st)),
      'not-programmed',
    );
    refusalOf(
      s.when((st) => decideAgreeGrant({ operationId: 'op-inconnue', act: agreementAct, trace: trace() }, st)),
      'unknown-operation',
    );
    through(s, 'op');
    refusalOf(
      s.when((st) =>
        decideAgreeGrant({ operationId: 'op', act: { reference: '  ', date: '2016-07-01' }, trace: trace() }, st),
      ),
      'act-required',
    );
    const [agreed] = accepted(
      s.when((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace('2016-07-01') }, st)),
    );
    if (agreed.type !== 'iti-feder.grant-agreed') throw new Error(agreed.type);
    expect(agreed.data.act).toEqual(agreementAct);
    // The FEDER's convention binds the FEDER: the Région and the CALL commit by their own acts.
    expect(agreed.data.lines.map((line) => [line.funder, line.amount])).toEqual([['feder', '800000.00']]);
    // Agreed once: the operation is no longer « programmed », a second agreement is refused.
    refusalOf(
      s.when((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace() }, st)),
      'not-programmed',
    );
  });
});

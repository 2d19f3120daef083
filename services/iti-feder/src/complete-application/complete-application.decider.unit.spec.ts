import { accepted, refusalOf } from '@cvl/testing';
import { application, envelope, ItiScenario, strategy, trace } from '../test-support/scenario';
import { decideCompleteApplication } from './complete-application.decider';

describe('completeness: the intermediate body declares a received file complete, once', () => {
  it('completes a received application, refuses an unknown one and a second declaration', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    refusalOf(
      s.when((st) => decideCompleteApplication({ operationId: 'inconnue', trace: trace() }, st)),
      'unknown-operation',
    );
    expect(
      accepted(s.when((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st))).map((e) => e.type),
    ).toEqual(['iti-feder.application-completed']);
    expect(s.state?.operations.get('op')?.status).toBe('complete');
    refusalOf(
      s.when((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st)),
      'not-received',
    );
  });
});

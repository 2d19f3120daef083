import { accepted, refusalOf } from '@cvl/testing';
import { application, envelope, ItiScenario, strategy, trace } from '../test-support/scenario';
import { decideAdoptStrategy } from './adopt-strategy.decider';

describe('the ITI strategy (l. 4777)', () => {
  it('combines at least two axes, each with an envelope, and bounds the applications to them', () => {
    const s = new ItiScenario().given(envelope);
    refusalOf(
      s.when((st) => decideAdoptStrategy({ axes: [3, 3], trace: trace() }, st)),
      'strategy-single-axis',
    );
    accepted(s.when(strategy));
    refusalOf(s.when(application('op-axe-1', { axis: 1, priority: '1a' })), 'axis-outside-strategy');
  });

  it('follows the envelope', () => {
    refusalOf(
      new ItiScenario().when((st) => decideAdoptStrategy({ axes: [3, 4], trace: trace() }, st)),
      'no-envelope',
    );
    refusalOf(
      new ItiScenario().given(envelope).when((st) => decideAdoptStrategy({ axes: [3, 7], trace: trace() }, st)),
      'axis-without-envelope',
    );
  });
});

import { application, envelope, ItiScenario, strategy, through } from '../test-support/scenario';
import { degagementForecast } from './degagement-forecast';

describe('the n+3 dégagement forecast', () => {
  it('forecasts the n+3 dégagement: what remains per tranche, by when, and what is at risk today', () => {
    const s = new ItiScenario()
      .given(envelope)
      .given(strategy)
      .given(application('op', { tranche: 2016 }));
    through(s, 'op');
    const state = s.state;
    if (!state) throw new Error('state');
    expect(degagementForecast(state, '2017-06-01')).toEqual([
      expect.objectContaining({ tranche: 2016, deadline: '2019-12-31', remaining: '800000.00', atRisk: '0.00' }),
    ]);
    const late = degagementForecast(state, '2019-02-01')[0];
    expect(late).toMatchObject({ atRisk: '800000.00' });
    expect(late.explanation).toContain('31/12/2019');
  });
});

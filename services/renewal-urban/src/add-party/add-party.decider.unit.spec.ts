import { accepted, refusalOf } from '@cvl/testing';
import { act, committee, drafted, plan, sign, submit } from '../test-support/fixtures';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideAddParty } from './add-party.decider';

const join =
  (code: string, amendment?: { reference: string; date: string }) => (state: Parameters<typeof decideAddParty>[1]) =>
    decideAddParty(
      { party: { code, role: 'bailleur' }, ...(amendment ? { act: amendment } : {}), trace: trace() },
      state,
    );

describe('adding a party to the protocol', () => {
  it('adds a party freely before signature, by avenant after it, never twice', () => {
    const s = drafted(new ProtocolScenario());
    accepted(s.when(join('pas-de-calais-habitat')));
    expect(s.state?.parties.some((p) => p.code === 'pas-de-calais-habitat')).toBe(true);
    expect(refusalOf(s.when(join('pas-de-calais-habitat')), 'party-exists').field).toBe('party.code');
    s.given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit)
      .given(committee('2016-02-15'))
      .given(sign); // 2016-06-15
    expect(refusalOf(s.when(join('sia-habitat')), 'amendment-act-required').field).toBe('act');
    expect(
      refusalOf(s.when(join('sia-habitat', act('Avenant n° 1', '2016-06-01'))), 'step-before-previous').field,
    ).toBe('act.date');
    const [event] = accepted(s.when(join('sia-habitat', act('Avenant n° 1', '2016-09-01'))));
    expect(event).toMatchObject({ type: 'renewal-urban.party-added', data: { act: { reference: 'Avenant n° 1' } } });
  });
});

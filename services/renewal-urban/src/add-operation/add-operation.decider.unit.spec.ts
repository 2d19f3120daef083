import { refusalOf } from '@cvl/testing';
import { draft, operation } from '../test-support/fixtures';
import { ProtocolScenario } from '../test-support/scenario';

describe('operations of the protocol', () => {
  it('refuses operations outside the protocol’s quartiers or owners, inverted calendars, group purchases with no group', () => {
    const s = new ProtocolScenario().given(draft);
    refusalOf(s.when(operation()), 'no-purchasing-group');
    refusalOf(s.when(operation({ boughtByGroup: false, quartier: 'QP062033' })), 'quartier-not-in-protocol');
    refusalOf(s.when(operation({ boughtByGroup: false, projectOwner: 'sia-habitat' })), 'owner-not-party');
    refusalOf(s.when(operation({ boughtByGroup: false, end: '2015-01-01' })), 'calendar-inverted');
    refusalOf(s.when(operation({ boughtByGroup: false, eligibleBaseCents: 0n })), 'base-not-positive');
  });
});

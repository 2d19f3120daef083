import { accepted, refusalOf } from '@cvl/testing';
import { draft, NPNRU } from '../test-support/fixtures';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideDraftProtocol, decideFormPurchasingGroup } from './draft-protocol.decider';

describe('protocol: its quartiers, its parties, its purchasing group', () => {
  it('drafts only the quartiers on ANRU’s list, each with the interest the list gives it', () => {
    const drafting = (quartiers: Array<{ code: string; interest: 'national' | 'regional' }>, npnru = NPNRU) =>
      new ProtocolScenario().when((st) =>
        decideDraftProtocol(
          { protocolId: 'p', label: 'p', quartiers, parties: [{ code: 'anru', role: 'x' }], trace: trace(), npnru },
          st,
        ),
      );
    const outside = refusalOf(drafting([{ code: 'QP062021', interest: 'regional' }]), 'quartier-outside-npnru');
    expect(outside.field).toBe('quartiers[0].code');
    const wrong = refusalOf(
      drafting([
        { code: 'QP062024', interest: 'national' },
        { code: 'QP062019', interest: 'national' },
      ]),
      'npnru-interest-mismatch',
    );
    expect([wrong.field, wrong.message]).toEqual([
      'quartiers[1].interest',
      'République - Cité 4 (QP062019) est d’intérêt régional sur la liste NPNRU, pas national',
    ]);
    // No list yet: no quartier can be drafted.
    refusalOf(
      drafting([{ code: 'QP062024', interest: 'national' }], { quartiers: new Map() }),
      'quartier-outside-npnru',
    );
    // The list does not travel with the protocol: it stays ANRU's.
    const [event] = accepted(drafting([{ code: 'QP062024', interest: 'national' }]));
    expect(Object.keys(event.data)).not.toContain('npnru');
  });

  it('drafts one protocol for the NPNRU quartiers with ANRU as a party', () => {
    const s = new ProtocolScenario();
    accepted(s.when(draft));
    expect(s.state).toMatchObject({
      status: 'draft',
      quartiers: [{ code: 'QP062024', interest: 'national' }, { interest: 'regional' }, { interest: 'regional' }],
    });
    refusalOf(s.when(draft), 'protocol-exists');
    refusalOf(
      new ProtocolScenario().when((st) =>
        decideDraftProtocol(
          {
            protocolId: 'p',
            label: 'p',
            quartiers: [{ code: 'QP062024', interest: 'national' }],
            parties: [{ code: 'call', role: 'x' }],
            trace: trace(),
            npnru: NPNRU,
          },
          st,
        ),
      ),
      'anru-party-required',
    );
    refusalOf(
      new ProtocolScenario().when((st) =>
        decideDraftProtocol(
          {
            protocolId: 'p',
            label: 'p',
            quartiers: [{ code: 'Lens', interest: 'national' }],
            parties: [{ code: 'anru', role: 'x' }],
            trace: trace(),
          },
          st,
        ),
      ),
      'invalid-qpv-code',
    );
  });

  it('forms a purchasing group of parties with positive weights', () => {
    const s = new ProtocolScenario().given(draft);
    refusalOf(
      s.when((st) => decideFormPurchasingGroup({ members: [{ code: 'call', weight: 1 }], trace: trace() }, st)),
      'group-too-small',
    );
    refusalOf(
      s.when((st) =>
        decideFormPurchasingGroup(
          {
            members: [
              { code: 'call', weight: 1 },
              { code: 'region', weight: 1 },
            ],
            trace: trace(),
          },
          st,
        ),
      ),
      'member-not-party',
    );
    expect(
      refusalOf(
        s.when((st) =>
          decideFormPurchasingGroup(
            {
              members: [
                { code: 'call', weight: 1 },
                { code: 'ville-lens', weight: 0 },
              ],
              trace: trace(),
            },
            st,
          ),
        ),
        'invalid-weight',
      ).field,
    ).toBe('members[1].weight');
    // All weighted, or none while the key is to be set: never a key for some members only.
    const some = [{ code: 'call', weight: 1 }, { code: 'ville-lens' }];
    expect(
      refusalOf(
        s.when((st) => decideFormPurchasingGroup({ members: some, trace: trace() }, st)),
        'invalid-weight',
      ).field,
    ).toBe('members');
    const none = [{ code: 'call' }, { code: 'ville-lens' }];
    expect(accepted(s.when((st) => decideFormPurchasingGroup({ members: none, trace: trace() }, st)))).toHaveLength(1);
  });
});

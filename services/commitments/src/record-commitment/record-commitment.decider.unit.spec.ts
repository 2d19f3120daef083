import { baseline, commitment, envelope } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';

const act = { reference: 'Convention 2015-042', date: '2015-06-15' };

describe('record a commitment', () => {
  it('an indicative commitment reserves its amount (pending)', () => {
    const s = baseline(new Scenario());
    accepted(s.when(commitment({ commitmentId: 'c1', amountCents: 150_000_00n })));
    expect(s.state.commitments.get('c1')?.status).toBe('indicative');
    expect(s.figures('c1')).toMatchObject({ indicativeCents: 150_000_00n, firmCents: 0n });
    expect(s.state.ledger.accounts.get('commitment:c1')?.creditsPendingCents).toBe(150_000_00n);
  });

  it('a conditional commitment names an open condition', () => {
    const s = baseline(new Scenario());
    accepted(s.when(commitment({ commitmentId: 'c1', amountCents: 1n, status: 'conditional', conditionId: 'tfpb' })));
    expect(s.figures('c1').conditionalCents).toBe(1n);
    refusalOf(s.when(commitment({ commitmentId: 'c2', amountCents: 1n, status: 'conditional' })), 'condition-required');
    refusalOf(
      s.when(commitment({ commitmentId: 'c2', amountCents: 1n, status: 'conditional', conditionId: 'nope' })),
      'unknown-condition',
    );
    refusalOf(
      s.when(commitment({ commitmentId: 'c2', amountCents: 1n, conditionId: 'tfpb' })),
      'condition-not-allowed',
    );
  });

  it('a firm commitment books its amount and cites its act', () => {
    const s = baseline(new Scenario());
    refusalOf(s.when(commitment({ commitmentId: 'c1', amountCents: 1n, status: 'firm' })), 'act-required');
    accepted(s.when(commitment({ commitmentId: 'c1', amountCents: 500n, status: 'firm', act })));
    expect(s.figures('c1')).toMatchObject({ firmCents: 500n, outstandingCents: 500n });
  });

  it('a firm commitment takes effect on or after its act, never before', () => {
    const s = baseline(new Scenario());
    const later = { reference: 'Convention 2016-042', date: '2016-03-15' };
    const early = refusalOf(
      s.when(commitment({ commitmentId: 'c1', amountCents: 500n, status: 'firm', act: later })),
      'effective-date-order',
    );
    expect(early).toMatchObject({ field: 'trace.effectiveDate' });
    expect(early.message).toContain('2016-03-15');
    accepted(
      s.when(
        commitment({
          commitmentId: 'c1',
          amountCents: 500n,
          status: 'firm',
          act: later,
          trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: '2016-03-15' }),
        }),
      ),
    );
  });

  it('refuses beyond its envelope, saying by how much, and writes nothing', () => {
    const s = baseline(new Scenario())
      .given(envelope('axe-3', 'region', 1_000_00n))
      .given(commitment({ commitmentId: 'c1', funder: 'region', envelopeId: 'axe-3', amountCents: 700_00n }));
    const refused = refusalOf(
      s.when(commitment({ commitmentId: 'c2', funder: 'region', envelopeId: 'axe-3', amountCents: 400_00n })),
      'envelope-exceeded',
    );
    expect(refused.excessCents).toBe(100_00n);
    expect(refused.message).toContain('100,00 €');
    expect(s.state.commitments.has('c2')).toBe(false);
    accepted(s.when(commitment({ commitmentId: 'c2', funder: 'region', envelopeId: 'axe-3', amountCents: 300_00n })));
  });

  it('refuses unknown parties and references, and another funder’s envelope', () => {
    const s = baseline(new Scenario())
      .given(envelope('axe-3', 'region', 1_000n))
      .given(commitment({ commitmentId: 'c1', amountCents: 1n }));
    expect(refusalOf(s.when(commitment({ commitmentId: 'c1', amountCents: 1n })), 'commitment-exists').kind).toBe(
      'conflict',
    );
    refusalOf(s.when(commitment({ commitmentId: 'c2', amountCents: 1n, funder: 'nobody' })), 'unknown-funder');
    refusalOf(s.when(commitment({ commitmentId: 'c2', amountCents: 1n, envelopeId: 'nope' })), 'unknown-envelope');
    refusalOf(
      s.when(commitment({ commitmentId: 'c2', amountCents: 1n, envelopeId: 'axe-3' })),
      'envelope-of-another-funder',
    );
    expect(
      refusalOf(
        s.when(
          commitment({
            commitmentId: 'c2',
            amountCents: 1n,
            attribution: { label: 'x', year: 2016, scale: 'CALL', quartier: 'QP062999' },
          }),
        ),
        'unknown-reference',
      ).field,
    ).toBe('attribution.quartier');
    refusalOf(
      s.when(
        commitment({ commitmentId: 'c2', amountCents: 1n, attribution: { label: 'x', year: 1789, scale: 'CALL' } }),
      ),
      'invalid-year',
    );
    refusalOf(s.when(commitment({ commitmentId: 'c2', amountCents: 0n })), 'amount-not-positive');
    refusalOf(
      s.when(
        commitment({
          commitmentId: 'c2',
          amountCents: 1n,
          trace: trace({ source: { kind: 'document', document: 'cdv', line: 0 } }),
        }),
      ),
      'traceability-incomplete',
    );
  });

  it('keeps the stated figure beside the exact euros: rounded totals, ranges, unreadable text refused', () => {
    const s = baseline(new Scenario());
    accepted(
      s.when(
        commitment({
          commitmentId: 'c1',
          amountCents: 25_874_000_00n,
          isPool: true,
          stated: { text: 'Total arrondi 259M€'.replace('Total arrondi ', '') },
        }),
      ),
    );
    expect(s.state.commitments.get('c1')?.stated).toEqual({ text: '259M€', amount: '259000000.00' });
    accepted(
      s.when(
        commitment({
          commitmentId: 'c2',
          amountCents: 75_000_000n,
          stated: { text: '500 à 1 000 k€', range: { min: '', max: '', central: '750000.00' } },
        }),
      ),
    );
    expect(s.state.commitments.get('c2')?.stated?.range).toEqual({
      min: '500000.00',
      max: '1000000.00',
      central: '750000.00',
    });
    // One amount written has no range, whatever bounds came with it.
    accepted(
      s.when(
        commitment({
          commitmentId: 'c4',
          amountCents: 170_000_000n,
          stated: { text: '1,7 M€', range: { min: '', max: '', central: '1700000.00' } },
        }),
      ),
    );
    expect(s.state.commitments.get('c4')?.stated).toEqual({ text: '1,7 M€', amount: '1700000.00' });
    expect(
      refusalOf(
        s.when(commitment({ commitmentId: 'c3', amountCents: 1n, stated: { text: 'beaucoup' } })),
        'stated-unreadable',
      ).field,
    ).toBe('stated.text');
  });
});

describe('record a commitment: what its attribution and stated figure must hold', () => {
  it('refuses a missing label, a missing scale, an empty stated text', () => {
    const s = baseline(new Scenario());
    expect(
      refusalOf(
        s.when(
          commitment({ commitmentId: 'c', amountCents: 1n, attribution: { label: ' ', year: 2016, scale: 'CALL' } }),
        ),
        'label-required',
      ).field,
    ).toBe('attribution.label');
    expect(
      refusalOf(
        s.when(commitment({ commitmentId: 'c', amountCents: 1n, attribution: { label: 'x', year: 2016, scale: '' } })),
        'scale-required',
      ).field,
    ).toBe('attribution.scale');
    expect(
      refusalOf(
        s.when(commitment({ commitmentId: 'c', amountCents: 1n, stated: { text: ' ' } })),
        'stated-text-required',
      ).field,
    ).toBe('stated.text');
  });
});

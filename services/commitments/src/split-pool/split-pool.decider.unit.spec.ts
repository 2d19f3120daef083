import { baseline, commitment } from '../test-support/fixtures';
import { firmed } from '../test-support/lifecycle';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideSplitPool, type PoolPart } from './split-pool.decider';

const split =
  (poolId: string, parts: PoolPart[]) => (state: Scenario['state'], context: Parameters<typeof decideSplitPool>[2]) =>
    decideSplitPool(
      { poolId, parts, trace: trace({ reasonCode: 'ventilation', effectiveDate: '2016-09-01' }) },
      state,
      context,
    );

describe('split a pool', () => {
  it('splits a conditional Bassin-Minier programme by EPCI; the rest stays visible as unallocated', () => {
    const s = baseline(new Scenario()).given(
      commitment({
        commitmentId: 'bm',
        amountCents: 10_000n,
        isPool: true,
        status: 'conditional',
        conditionId: 'tfpb',
        attribution: { label: 'Programme M&C', year: 2016, scale: 'Bassin Minier' },
      }),
    );
    accepted(
      s.when(
        split('bm', [
          { commitmentId: 'bm-call', funder: 'mc', amountCents: 3_000n, epci: 'CALL' },
          { commitmentId: 'bm-cahc', funder: 'mc', amountCents: 2_500n, epci: 'CAHC' },
        ]),
      ),
    );
    expect(s.state.commitments.get('bm')).toMatchObject({
      amountCents: 4_500n,
      splitOutCents: 5_500n,
      status: 'conditional',
    });
    expect(s.state.commitments.get('bm-call')).toMatchObject({
      status: 'conditional',
      conditionId: 'tfpb',
      poolId: 'bm',
      amountCents: 3_000n,
      attribution: { epci: 'CALL', scale: 'Bassin Minier' },
    });
    const total = ['bm', 'bm-call', 'bm-cahc'].reduce((sum, id) => sum + s.figures(id).conditionalCents, 0n);
    expect(total).toBe(10_000n);
  });

  it('names the funders of subsidies asked of unnamed public partners', () => {
    const s = baseline(new Scenario()).given(
      commitment({ commitmentId: 'asked', funder: 'partners', amountCents: 9_400n, isPool: true }),
    );
    accepted(s.when(split('asked', [{ commitmentId: 'asked-region', funder: 'region', amountCents: 4_000n }])));
    expect(s.state.commitments.get('asked-region')).toMatchObject({
      funder: 'region',
      fundingAccount: 'funder:region',
      status: 'indicative',
    });
    expect(s.state.commitments.get('asked')?.amountCents).toBe(5_400n);
  });

  it('splits a firm pool between parts of its own funder only', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'p', amountCents: 1_000n, isPool: true }))
      .given(firmed('p'));
    refusalOf(s.when(split('p', [{ commitmentId: 'x', funder: 'region', amountCents: 1n }])), 'firm-pool-other-funder');
    accepted(s.when(split('p', [{ commitmentId: 'p1', funder: 'mc', amountCents: 600n, epci: 'CALL' }])));
    expect(s.figures('p1')).toMatchObject({ firmCents: 600n, outstandingCents: 600n });
    expect(s.figures('p').firmCents).toBe(400n);
  });

  it('refuses more than is unallocated (by how much), a commitment that is no pool, duplicate or existing part ids, unknown EPCIs', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'p', amountCents: 1_000n, isPool: true }))
      .given(commitment({ commitmentId: 'plain', amountCents: 1n }));
    expect(
      refusalOf(
        s.when(
          split('p', [
            { commitmentId: 'a', funder: 'mc', amountCents: 700n },
            { commitmentId: 'b', funder: 'mc', amountCents: 400n },
          ]),
        ),
        'split-exceeds-pool',
      ).excessCents,
    ).toBe(100n);
    refusalOf(s.when(split('plain', [{ commitmentId: 'a', funder: 'mc', amountCents: 1n }])), 'not-a-pool');
    refusalOf(
      s.when(
        split('p', [
          { commitmentId: 'a', funder: 'mc', amountCents: 1n },
          { commitmentId: 'a', funder: 'mc', amountCents: 1n },
        ]),
      ),
      'commitment-exists',
    );
    refusalOf(s.when(split('p', [{ commitmentId: 'plain', funder: 'mc', amountCents: 1n }])), 'commitment-exists');
    expect(
      refusalOf(
        s.when(split('p', [{ commitmentId: 'a', funder: 'mc', amountCents: 1n, epci: 'XYZ' }])),
        'unknown-reference',
      ).field,
    ).toBe('parts[0].epci');
    refusalOf(s.when(split('p', [])), 'parts-count');
  });
});

import { baseline, commitment, envelope } from '../test-support/fixtures';
import { firmed, pay, release } from '../test-support/lifecycle';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario } from '../test-support/scenario';

describe('release a commitment (dégagement)', () => {
  it('releases what remains to pay back to the envelope it came from', () => {
    const s = baseline(new Scenario())
      .given(envelope('e', 'mc', 1_000n))
      .given(commitment({ commitmentId: 'c1', envelopeId: 'e', amountCents: 1_000n }))
      .given(firmed('c1'))
      .given(pay('c1', 'p1', 'avance', 600n, null));
    accepted(s.when(release('c1')));
    expect(s.figures('c1')).toMatchObject({
      firmCents: 600n,
      paidCents: 600n,
      outstandingCents: 0n,
      releasedCents: 400n,
    });
    const env = s.account('envelope:e');
    expect(env.creditsPostedCents - env.debitsPostedCents).toBe(400n);
    expect(refusalOf(s.when(release('c1')), 'nothing-to-release').kind).toBe('conflict');
  });

  it('releases part of what remains, never more', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 1_000n }))
      .given(firmed('c1'));
    expect(refusalOf(s.when(release('c1', 1_001n)), 'exceeds-outstanding').excessCents).toBe(1n);
    accepted(s.when(release('c1', 250n)));
    expect(s.figures('c1').outstandingCents).toBe(750n);
  });

  it('lets a conditional commitment lapse, freeing its reservation', () => {
    const s = baseline(new Scenario()).given(
      commitment({ commitmentId: 'c1', amountCents: 700n, status: 'conditional', conditionId: 'tfpb' }),
    );
    accepted(s.when(release('c1')));
    expect(s.state.commitments.get('c1')).toMatchObject({ status: 'lapsed', releasedCents: 700n });
    expect(s.account('commitment:c1').creditsPendingCents).toBe(0n);
  });

  it('lets an intention lapse whole, not in part; a lapsed commitment has nothing left', () => {
    const s = baseline(new Scenario()).given(commitment({ commitmentId: 'c1', amountCents: 1_000n }));
    refusalOf(s.when(release('c1', 10n)), 'partial-release-of-reservation');
    accepted(s.when(release('c1')));
    expect(s.state.commitments.get('c1')).toMatchObject({ status: 'lapsed', amountCents: 0n, releasedCents: 1_000n });
    refusalOf(s.when(release('c1')), 'commitment-lapsed');
  });
});

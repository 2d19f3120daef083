import { accepted, refusalOf } from '@cvl/testing';
import { Scenario } from '../test-support/scenario';
import { baseline, envelope, reference } from '../test-support/fixtures';
import { decideOpenEnvelope } from './open-envelope.decider';
import { trace } from '../test-support/scenario';

describe('open an envelope', () => {
  it('credits the envelope from the funder’s resources', () => {
    const s = baseline(new Scenario());
    accepted(s.when(envelope('iti-axe-3', 'region', 3_600_000_000n)));
    expect(s.state.ledger.accounts.get('envelope:iti-axe-3')?.creditsPostedCents).toBe(3_600_000_000n);
    expect(s.state.envelopes.get('iti-axe-3')?.amountCents).toBe(3_600_000_000n);
  });

  it('refuses an unknown funder, a second opening, an unknown programme and a null amount', () => {
    const s = baseline(new Scenario()).given(envelope('e1', 'region', 100n));
    expect(refusalOf(s.when(envelope('e2', 'nobody', 100n)), 'unknown-funder').field).toBe('funder');
    expect(refusalOf(s.when(envelope('e1', 'region', 100n)), 'envelope-exists').kind).toBe('conflict');
    refusalOf(s.when(envelope('e3', 'region', 0n)), 'amount-not-positive');
    refusalOf(
      s.when((state, context) =>
        decideOpenEnvelope(
          {
            envelopeId: 'e4',
            funder: 'region',
            label: 'x',
            amountCents: 1n,
            programme: 'p147',
            trace: trace({ reasonCode: 'ouverture-enveloppe' }),
          },
          state,
          context,
        ),
      ),
      'unknown-programme',
    );
    s.given(reference('programme', 'p147'));
    accepted(
      s.when((state, context) =>
        decideOpenEnvelope(
          {
            envelopeId: 'e4',
            funder: 'region',
            label: 'x',
            amountCents: 1n,
            programme: 'p147',
            trace: trace({ reasonCode: 'ouverture-enveloppe' }),
          },
          state,
          context,
        ),
      ),
    );
  });
});

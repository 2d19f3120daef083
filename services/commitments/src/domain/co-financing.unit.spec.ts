import { accepted, refusalOf } from '@cvl/testing';
import { decideAmendCommitment } from '../amend-commitment/amend-commitment.decider';
import { baseline, commitment, funder, operation } from '../test-support/fixtures';
import { Scenario, trace, type Decide } from '../test-support/scenario';
import { coFinancingRefusal, operationsOverCap } from './co-financing';
import type { CoFinancingRule } from './co-financing-rules';

/** Four public funders, one of them the State, on Maisons et Cités' 1 000 000,00 € works. */
function financed(): Scenario {
  return baseline(new Scenario())
    .given(funder('anru', 'anru'))
    .given(funder('feder', 'eu'))
    .given(funder('etat-p147', 'state'))
    .given(operation());
}

/** A decision as the ledger's handlers take it: the decider, then the co-financing guard on its events. */
const guarded =
  (decide: Decide): Decide =>
  (state, context) => {
    const decided = decide(state, context);
    return Array.isArray(decided) ? (coFinancingRefusal(state, decided, '2016-10-01') ?? decided) : decided;
  };

const aid = (commitmentId: string, funderCode: string, amountCents: bigint) =>
  guarded(
    commitment({
      commitmentId,
      funder: funderCode,
      amountCents,
      attribution: { label: commitmentId, year: 2016, scale: 'CALL', operation: 'rehab-grande-residence' },
    }),
  );

describe('the co-financing guard', () => {
  it('refuses the aid that would take public aid past 80 % of the base with a State subsidy, naming the rule and the excess', () => {
    const s = financed()
      .given(aid('anru-1', 'anru', 300_000_00n))
      .given(aid('feder-1', 'feder', 300_000_00n))
      .given(aid('p147-1', 'etat-p147', 100_000_00n))
      .given(aid('region-1', 'region', 100_000_00n));
    const refused = refusalOf(s.when(aid('region-2', 'region', 50_000_00n)), 'co-financing-exceeded');
    expect(refused.excessCents).toBe(50_000_00n);
    expect(refused.message).toContain('décret n° 99-1060');
    expect(refused.message).toContain('800 000,00 €');
    // The project owner's own share is not aid: it counts against no cap.
    accepted(s.when(aid('mc-own', 'mc', 200_000_00n)));
  });

  it('refuses aid beyond the whole base when no State subsidy is there, and a funder beyond its own rate', () => {
    const s = financed()
      .given(aid('region-1', 'region', 400_000_00n))
      .given(aid('feder-1', 'feder', 500_000_00n));
    expect(refusalOf(s.when(aid('feder-2', 'feder', 1_00n)), 'co-financing-exceeded').message).toContain('FEDER');
    expect(refusalOf(s.when(aid('region-2', 'region', 100_000_01n)), 'co-financing-exceeded').excessCents).toBe(1n);
    accepted(s.when(aid('region-3', 'region', 100_000_00n)));
  });

  it('refuses an amendment that raises the aid past a cap, and lets one that lowers it through', () => {
    const s = financed()
      .given(aid('anru-1', 'anru', 400_000_00n))
      .given(aid('p147-1', 'etat-p147', 400_000_00n));
    const amend = (newAmountCents: bigint) =>
      guarded((state, context) =>
        decideAmendCommitment(
          {
            commitmentId: 'anru-1',
            kind: 'clause-de-revoyure',
            newAmountCents,
            trace: trace({ reasonCode: 'clause-de-revoyure', effectiveDate: '2017-06-01' }),
          },
          state,
          context,
        ),
      );
    expect(refusalOf(s.when(amend(450_000_00n)), 'co-financing-exceeded').excessCents).toBe(50_000_00n);
    accepted(s.when(amend(350_000_00n)));
  });

  it('lists an operation over a cap once a stricter rule is in force, and refuses only what adds to the excess', () => {
    const s = financed()
      .given(aid('region-1', 'region', 500_000_00n))
      .given(aid('feder-1', 'feder', 300_000_00n));
    expect(operationsOverCap(s.state, '2016-10-01')).toEqual([]);
    const stricter: CoFinancingRule = {
      id: 'plafond-regional-essai',
      from: '2016-01-01',
      label: 'Région : au plus 40 % de la dépense éligible',
      source: 'délibération d’essai',
      bounds: 'funder',
      funder: 'region',
      maxRateBasisPoints: 4_000,
    };
    s.givenEvents({ type: 'commitments.co-financing-rule-recorded', data: { rule: stricter, trace: trace() } });
    expect(
      operationsOverCap(s.state, '2016-10-01').map(({ operation: o, position }) => [
        o.id,
        position.rule.id,
        position.excessCents,
      ]),
    ).toEqual([['rehab-grande-residence', 'plafond-regional-essai', 100_000_00n]]);
    // Already over: the operation is not frozen, but nothing may add to the excess.
    accepted(s.when(aid('feder-2', 'feder', 100_000_00n)));
    expect(refusalOf(s.when(aid('region-2', 'region', 1_00n)), 'co-financing-exceeded').excessCents).toBe(1_00n);
  });

  it('refuses a commitment that names an operation the registry does not know', () => {
    const s = financed();
    const unknown = commitment({
      commitmentId: 'x',
      funder: 'region',
      amountCents: 1_00n,
      attribution: { label: 'x', year: 2016, scale: 'CALL', operation: 'inconnue' },
    });
    expect(refusalOf(s.when(unknown), 'unknown-operation').field).toBe('attribution.operation');
  });
});

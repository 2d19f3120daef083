import { accepted } from '@cvl/testing';
import { decideResolveCondition } from '../resolve-condition/resolve-condition.decider';
import { decideSplitPool } from '../split-pool/split-pool.decider';
import { baseline, commitment, envelope } from '../test-support/fixtures';
import { firmed, pay } from '../test-support/lifecycle';
import { Scenario, trace } from '../test-support/scenario';
import { tagsOf } from './consistency';
import type { CommitmentsEvent } from './events';

const tagsOfAll = (events: CommitmentsEvent[]) => [...new Set(events.flatMap(tagsOf))].sort();
const shared = (a: CommitmentsEvent[], b: CommitmentsEvent[]) =>
  tagsOfAll(a).filter((tag) => tagsOfAll(b).includes(tag));

describe('what each event concerns (its consistency boundary)', () => {
  it('a commitment on an envelope awaiting a condition concerns the three of them, not its funder', () => {
    const s = baseline(new Scenario()).given(envelope('e1', 'region', 10_000n));
    const recorded = accepted(
      s.when(
        commitment({
          commitmentId: 'c1',
          funder: 'region',
          envelopeId: 'e1',
          status: 'conditional',
          conditionId: 'tfpb',
          amountCents: 100n,
        }),
      ),
    );
    expect(tagsOfAll(recorded)).toEqual(['commitment:c1', 'condition:tfpb', 'envelope:e1']);
  });

  it('two commitments of one funder on different envelopes share nothing; on one envelope they share it', () => {
    const s = baseline(new Scenario())
      .given(envelope('e1', 'region', 10_000n))
      .given(envelope('e2', 'region', 10_000n));
    const a = accepted(
      s.when(commitment({ commitmentId: 'a', funder: 'region', envelopeId: 'e1', amountCents: 100n })),
    );
    const b = accepted(
      s.when(commitment({ commitmentId: 'b', funder: 'region', envelopeId: 'e2', amountCents: 100n })),
    );
    const c = accepted(
      s.when(commitment({ commitmentId: 'c', funder: 'region', envelopeId: 'e1', amountCents: 100n })),
    );
    expect(shared(a, b)).toEqual([]);
    expect(shared(a, c)).toEqual(['envelope:e1']);
  });

  it('firming and paying concern the commitment and the envelope it draws on', () => {
    const s = baseline(new Scenario())
      .given(envelope('e1', 'mc', 10_000n))
      .given(commitment({ commitmentId: 'c1', envelopeId: 'e1', amountCents: 1_000n }));
    expect(tagsOfAll(accepted(s.when(firmed('c1'))))).toEqual(['commitment:c1', 'envelope:e1']);
    expect(tagsOfAll(accepted(s.when(pay('c1', 'p1', 'acompte', 100n))))).toEqual(['commitment:c1']);
  });

  it('a split concerns the pool and every part', () => {
    const s = baseline(new Scenario()).given(
      commitment({
        commitmentId: 'bm',
        amountCents: 10_000n,
        isPool: true,
        attribution: { label: 'Programme M&C', year: 2016, scale: 'Bassin Minier' },
      }),
    );
    const split = accepted(
      s.when((state, context) =>
        decideSplitPool(
          {
            poolId: 'bm',
            parts: [{ commitmentId: 'bm-call', funder: 'mc', amountCents: 3_000n, epci: 'CALL' }],
            trace: trace({ reasonCode: 'ventilation' }),
          },
          state,
          context,
        ),
      ),
    );
    expect(tagsOfAll(split)).toEqual(['commitment:bm', 'commitment:bm-call']);
  });

  it('resolving a condition concerns every commitment awaiting it, and only those; a new one awaiting it conflicts', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'a', amountCents: 100n, status: 'conditional', conditionId: 'tfpb' }))
      .given(commitment({ commitmentId: 'other', amountCents: 7n }));
    const awaitingLater = baseline(new Scenario()).when(
      commitment({ commitmentId: 'b', amountCents: 5n, status: 'conditional', conditionId: 'tfpb' }),
    );
    const resolved = accepted(
      s.when((state, context) =>
        decideResolveCondition(
          {
            conditionId: 'tfpb',
            outcome: 'met',
            act: { reference: 'Courrier du ministère', date: '2016-06-30' },
            trace: trace({ reasonCode: 'condition-remplie', effectiveDate: '2016-06-30' }),
          },
          state,
          context,
        ),
      ),
    );
    expect(tagsOfAll(resolved)).toEqual(['commitment:a', 'condition:tfpb']);
    expect(shared(resolved, accepted(awaitingLater))).toEqual(['condition:tfpb']);
  });
});

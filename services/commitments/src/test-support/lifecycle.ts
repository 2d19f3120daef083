import type { Cents } from '@cvl/money';
import { decideAmendCommitment, type AmendCommitment } from '../amend-commitment/amend-commitment.decider';
import type { DecisionContext } from '../domain/booking';
import type { PaymentKind } from '../domain/events';
import type { CommitmentsState } from '../domain/state';
import { decideFirmCommitment } from '../firm-commitment/firm-commitment.decider';
import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { decideReleaseCommitment } from '../release-commitment/release-commitment.decider';
import { trace, type Decide } from './scenario';

export const firmed =
  (commitmentId: string): Decide =>
  (state: CommitmentsState, context: DecisionContext) =>
    decideFirmCommitment(
      {
        commitmentId,
        act: { reference: 'Convention 2016-7', date: '2016-02-01' },
        trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: '2016-02-01' }),
      },
      state,
      context,
    );

export const amend =
  (
    commitmentId: string,
    newAmountCents: Cents,
    kind: AmendCommitment['kind'] = 'clause-de-revoyure',
    extra: Partial<AmendCommitment> = {},
  ): Decide =>
  (state, context) =>
    decideAmendCommitment(
      { commitmentId, kind, newAmountCents, trace: trace({ reasonCode: kind, effectiveDate: '2018-01-15' }), ...extra },
      state,
      context,
    );

export const pay =
  (
    commitmentId: string,
    paymentId: string,
    kind: PaymentKind,
    amountCents: Cents,
    serviceDoneDate: string | null = '2016-10-01',
  ): Decide =>
  (state, context) =>
    decideRecordPayment(
      {
        commitmentId,
        paymentId,
        kind,
        amountCents,
        ...(serviceDoneDate ? { serviceDoneDate } : {}),
        trace: trace({ reasonCode: 'paiement', effectiveDate: '2016-11-01' }),
      },
      state,
      context,
    );

export const release =
  (commitmentId: string, amountCents?: Cents): Decide =>
  (state, context) =>
    decideReleaseCommitment(
      {
        commitmentId,
        ...(amountCents !== undefined ? { amountCents } : {}),
        trace: trace({ reasonCode: 'degagement', effectiveDate: '2020-12-31' }),
      },
      state,
      context,
    );

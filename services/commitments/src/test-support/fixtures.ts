import type { Cents } from '@cvl/money';
import { decideOpenEnvelope } from '../open-envelope/open-envelope.decider';
import { decideRecordCommitment, type RecordCommitment } from '../record-commitment/record-commitment.decider';
import { decideRecordReference } from '../record-reference/record-reference.decider';
import { decideRegisterCondition } from '../register-condition/register-condition.decider';
import { trace, type Decide, type Scenario } from './scenario';

export const funder =
  (code: string, category = 'landlord'): Decide =>
  (state) =>
    decideRecordReference(
      { kind: 'funder', code, name: code, attributes: { category }, trace: trace({ reasonCode: 'referentiel' }) },
      state,
    );

export const reference =
  (kind: 'epci' | 'quartier' | 'programme' | 'stake', code: string): Decide =>
  (state) =>
    decideRecordReference({ kind, code, name: code, trace: trace({ reasonCode: 'referentiel' }) }, state);

export const envelope =
  (envelopeId: string, funderCode: string, amountCents: Cents): Decide =>
  (state, context) =>
    decideOpenEnvelope(
      {
        envelopeId,
        funder: funderCode,
        label: `Enveloppe ${envelopeId}`,
        amountCents,
        trace: trace({ reasonCode: 'ouverture-enveloppe' }),
      },
      state,
      context,
    );

export const condition =
  (conditionId: string): Decide =>
  (state) =>
    decideRegisterCondition(
      {
        conditionId,
        label: 'Éligibilité TFPB',
        description: 'Abattement de 30 % de TFPB confirmé pour Maisons et Cités (l. 5070-5080)',
        trace: trace({ reasonCode: 'intention' }),
      },
      state,
    );

export const commitment =
  (overrides: Partial<RecordCommitment> & Pick<RecordCommitment, 'commitmentId' | 'amountCents'>): Decide =>
  (state, context) =>
    decideRecordCommitment(
      {
        funder: 'mc',
        status: 'indicative',
        attribution: { label: 'Réhabilitation thermique', year: 2016, scale: 'CALL' },
        trace: trace({ reasonCode: 'intention' }),
        ...overrides,
      },
      state,
      context,
    );

/** Funders mc (Maisons et Cités), region, partners (unnamed public partners), an EPCI and a quartier. */
export function baseline(scenario: Scenario): Scenario {
  return scenario
    .given(funder('mc'))
    .given(funder('region', 'region'))
    .given(funder('partners', 'pool'))
    .given(reference('epci', 'CALL'))
    .given(reference('epci', 'CAHC'))
    .given(reference('quartier', 'QP062024'))
    .given(condition('tfpb'));
}

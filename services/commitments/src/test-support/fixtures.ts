import type { Cents } from '@cvl/money';
import { decideDeclareOperation, type DeclareOperation } from '../declare-operation/declare-operation.decider';
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

/** The registry's operation « rehab-grande-residence »: 1 000 000,00 € HT, Maisons et Cités' works, known to the NPNRU. */
export const operation =
  (overrides: Partial<DeclareOperation> = {}): Decide =>
  (state) =>
    decideDeclareOperation(
      {
        operationId: 'rehab-grande-residence',
        label: 'Réhabilitation de la Grande Résidence',
        projectOwner: 'mc',
        quartiers: ['QP062024'],
        eligibleBaseCents: 1_000_000_00n,
        start: '2016-09-01',
        end: '2018-12-31',
        references: [{ system: 'renewal-urban', reference: 'npnru-call:grande-residence' }],
        trace: trace({ reasonCode: 'referentiel' }),
        ...overrides,
      },
      state,
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

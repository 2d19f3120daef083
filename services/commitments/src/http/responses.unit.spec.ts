import { conforms } from '@cvl/testing';
import type { Page } from '@cvl/platform';
import type { ReferenceItem } from '../domain/state';
import type { BalancesView, FunderStatementView } from '../funder-statement/funder-statement.queries';
import type { ImportSummary } from '../import-data-set/import-data-set';
import type { ReconciliationReport } from '../reconciliation/reconciliation.query';
import type { EnvelopeView } from '../open-envelope/envelope.query';
import type { CommitmentView } from '../queries/views';
import type { ConditionView } from '../register-condition/condition.query';
import type { CommitmentHistory } from '../commitment-queries/commitment.queries';
import type { OperationsList, OperationView } from '../declare-operation/operation.query';
import type { ApCpAnnex } from '../ae-cp/ap-cp-annex';
import type { SubsidyReport } from '../subsidy-report/subsidy-report';
import type { AeCpTable } from '../ae-cp/ae-cp';
import type { CoFinancingRulesView } from '../record-co-financing-rule/co-financing-rules.query';
import type { DocumentFigureView } from '../record-document-figure/document-figures.query';
import type { TimelineView } from '../record-governance-step/timeline.query';
import type {
  BalancesResponse,
  CommitmentHistoryResponse,
  CommitmentPage,
  CommitmentResponse,
  ConditionResolvedResponse,
  ConditionResponse,
  EnvelopeResponse,
  FunderStatementResponse,
  ImportResponse,
  ReferencePage,
  ReconciliationResponse,
  OperationResponse,
  OperationsResponse,
  CoFinancingRulesResponse,
  AeCpResponse,
  ApCpAnnexResponse,
  ReferenceResponse,
  SubsidyReportResponse,
  DocumentFigurePage,
  DocumentFigureResponse,
  TimelineResponse,
} from './responses';

// The check is the type-check of this file (npm test type-checks first): a view that gains, renames or retypes a
// field its documented response declares no longer compiles here.
describe('the documented responses of the ledger', () => {
  it('are the views the routes return', () => {
    expect([
      conforms<CommitmentView, CommitmentResponse>('engagement'),
      conforms<Page<CommitmentView>, CommitmentPage>('page d’engagements'),
      conforms<EnvelopeView, EnvelopeResponse>('enveloppe'),
      conforms<DocumentFigureView, DocumentFigureResponse>('montant du document'),
      conforms<Page<DocumentFigureView>, DocumentFigurePage>('page de montants du document'),
      conforms<TimelineView, TimelineResponse>('chronologie'),
      conforms<ConditionView, ConditionResponse>('condition'),
      conforms<ConditionView & { resolvedCommitments: string[] }, ConditionResolvedResponse>('condition levée'),
      conforms<ReferenceItem, ReferenceResponse>('référentiel'),
      conforms<Page<ReferenceItem>, ReferencePage>('page du référentiel'),
      conforms<ImportSummary & { format: 'csv' | 'xlsx' | 'json'; document: string }, ImportResponse>('import'),
      conforms<FunderStatementView, FunderStatementResponse>('relevé d’un financeur'),
      conforms<BalancesView, BalancesResponse>('soldes'),
      conforms<ReconciliationReport, ReconciliationResponse>('rapprochement'),
      conforms<CommitmentHistory, CommitmentHistoryResponse>('historique d’un engagement'),
      conforms<OperationView, OperationResponse>('opération du registre'),
      conforms<OperationsList, OperationsResponse>('registre des opérations'),
      conforms<CoFinancingRulesView, CoFinancingRulesResponse>('règles de cofinancement'),
      conforms<AeCpTable, AeCpResponse>('AE/CP d’un financeur'),
      conforms<ApCpAnnex, ApCpAnnexResponse>('annexe AP/CP d’un exercice'),
      conforms<SubsidyReport, SubsidyReportResponse>('compte rendu financier d’une subvention'),
    ]).toHaveLength(21);
  });
});

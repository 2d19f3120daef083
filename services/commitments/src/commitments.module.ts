import { publishedLedgerEvents } from './infrastructure/published-events';
import { Module } from '@nestjs/common';
import { ORGANISATION_DIRECTORY, serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { LedgerOrganisationDirectory } from './infrastructure/organisation-directory';
import { AmendCommitmentController } from './amend-commitment/amend-commitment.controller';
import { BookingRequestsConsumer } from './book-requested-line/booking-requests.consumer';
import { CommitmentQueriesController } from './commitment-queries/commitment-queries.controller';
import { commitmentsDescription } from './commitments.description';
import { FirmCommitmentController } from './firm-commitment/firm-commitment.controller';
import { FunderStatementController } from './funder-statement/funder-statement.controller';
import { StatementIssuer } from './funder-statement/funder-statement.issue';
import { SubsidyReportController } from './subsidy-report/subsidy-report.controller';
import { SubsidyReportQueryHandler } from './subsidy-report/subsidy-report.query';
import { CommitmentsLedger } from './infrastructure/commitments-ledger';
import { LedgerProjection } from './infrastructure/ledger-projection';
import { LedgerSnapshots } from './infrastructure/ledger-snapshots';
import { MakeConditionalController } from './make-conditional/make-conditional.controller';
import { OpenEnvelopeController } from './open-envelope/open-envelope.controller';
import { DeclareOperationController } from './declare-operation/declare-operation.controller';
import { AeCpController } from './ae-cp/ae-cp.controller';
import { AeCpQueryHandler, ApCpAnnexQueryHandler } from './ae-cp/ae-cp.query';
import { RecordCoFinancingRuleController } from './record-co-financing-rule/record-co-financing-rule.controller';
import { RecordCoFinancingRuleHandler } from './record-co-financing-rule/record-co-financing-rule.handler';
import { CoFinancingRulesQueryHandler } from './record-co-financing-rule/co-financing-rules.query';
import { DeclareOperationHandler } from './declare-operation/declare-operation.handler';
import { OperationQueryHandler, OperationsQueryHandler } from './declare-operation/operation.query';
import { RecordCommitmentController } from './record-commitment/record-commitment.controller';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { RecordPaymentController } from './record-payment/record-payment.controller';
import { RecordReferenceController } from './record-reference/record-reference.controller';
import { RegisterConditionController } from './register-condition/register-condition.controller';
import { ReleaseCommitmentController } from './release-commitment/release-commitment.controller';
import { ResolveConditionController } from './resolve-condition/resolve-condition.controller';
import { SplitPoolController } from './split-pool/split-pool.controller';
import { ImportDataSetController } from './import-data-set/import-data-set.controller';
import { AvenantDraftController } from './avenant-draft/avenant-draft.controller';
import { LeverageMapController } from './leverage-map/leverage-map.controller';
import { LeverageMapQueryHandler } from './leverage-map/leverage-map.query';
import { PreFinancingController } from './pre-financing/pre-financing.controller';
import { PreFinancingQueryHandler } from './pre-financing/pre-financing.query';
import { AVENANT_DRAFT_HANDLERS } from './avenant-draft/avenant-draft.handlers';

import { AmendCommitmentHandler } from './amend-commitment/amend-commitment.handler';
import { BookRequestedLineHandler } from './book-requested-line/book-requested-line.handler';
import {
  CommitmentHistoryQueryHandler,
  CommitmentQueryHandler,
  CommitmentsQueryHandler,
} from './commitment-queries/commitment.queries';
import { FirmCommitmentHandler } from './firm-commitment/firm-commitment.handler';
import { BalancesQueryHandler, FunderStatementQueryHandler } from './funder-statement/funder-statement.queries';
import { IMPORT_HANDLERS } from './import-data-set/import-data-set.handler';
import { MakeConditionalHandler } from './make-conditional/make-conditional.handler';
import { EnvelopeQueryHandler } from './open-envelope/envelope.query';
import { ReconciliationQueryHandler } from './reconciliation/reconciliation.query';
import { RecordPaymentHandler } from './record-payment/record-payment.handler';
import { ReferencesQueryHandler } from './record-reference/references.query';
import { ConditionQueryHandler } from './register-condition/condition.query';
import { DocumentFiguresQueryHandler } from './record-document-figure/document-figures.query';
import { TimelineQueryHandler } from './record-governance-step/timeline.query';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { DeadlinesQueryHandler } from './deadlines/deadlines.query';
import { RecordGovernanceStepController } from './record-governance-step/record-governance-step.controller';
import { RecordDocumentFigureController } from './record-document-figure/record-document-figure.controller';
import { ReadDocumentTextController } from './read-document-text/read-document-text.controller';
import { ReleaseCommitmentHandler } from './release-commitment/release-commitment.handler';
import { ResolveConditionHandler } from './resolve-condition/resolve-condition.handler';
import { SplitPoolHandler } from './split-pool/split-pool.handler';

/** Every command and query of the ledger, each beside its decider in its use case's folder. */
const HANDLERS = [
  ...IMPORT_HANDLERS,
  ResolveConditionHandler,
  MakeConditionalHandler,
  FirmCommitmentHandler,
  AmendCommitmentHandler,
  RecordPaymentHandler,
  ReleaseCommitmentHandler,
  SplitPoolHandler,
  BookRequestedLineHandler,
  EnvelopeQueryHandler,
  OperationQueryHandler,
  OperationsQueryHandler,
  DeclareOperationHandler,
  AeCpQueryHandler,
  ApCpAnnexQueryHandler,
  RecordCoFinancingRuleHandler,
  CoFinancingRulesQueryHandler,
  ConditionQueryHandler,
  DocumentFiguresQueryHandler,
  TimelineQueryHandler,
  DeadlinesQueryHandler,
  ReferencesQueryHandler,
  CommitmentsQueryHandler,
  CommitmentQueryHandler,
  CommitmentHistoryQueryHandler,
  FunderStatementQueryHandler,
  StatementIssuer,
  SubsidyReportQueryHandler,
  BalancesQueryHandler,
  ReconciliationQueryHandler,
  ...AVENANT_DRAFT_HANDLERS,
  LeverageMapQueryHandler,
  PreFinancingQueryHandler,
];

/** Engagements: the ledger of record. Every funder's euro, as double-entry bookings with their history and source. */
@Module({
  controllers: [
    serviceInfoController(commitmentsDescription, publishedLedgerEvents),
    RecordReferenceController,
    OpenEnvelopeController,
    DeclareOperationController,
    AeCpController,
    RecordCoFinancingRuleController,
    RegisterConditionController,
    ResolveConditionController,
    RecordCommitmentController,
    MakeConditionalController,
    FirmCommitmentController,
    AmendCommitmentController,
    RecordPaymentController,
    ReleaseCommitmentController,
    SplitPoolController,
    CommitmentQueriesController,
    FunderStatementController,
    SubsidyReportController,
    ReconciliationController,
    RecordDocumentFigureController,
    ReadDocumentTextController,
    RecordGovernanceStepController,
    DeadlinesController,
    AvenantDraftController,
    LeverageMapController,
    PreFinancingController,
    ImportDataSetController,
  ],
  providers: [
    ...HANDLERS,
    CommitmentsLedger,
    LedgerProjection,
    LedgerSnapshots,
    BookingRequestsConsumer,
    serviceRelayProvider(commitmentsDescription.service, publishedLedgerEvents),
    { provide: ORGANISATION_DIRECTORY, useClass: LedgerOrganisationDirectory },
  ],
})
export class CommitmentsModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { UseCaseCommand, type Principal } from '@cvl/platform';
import { CommitmentsLedger, type Decision } from '../infrastructure/commitments-ledger';
import { DeclareOperationCommand, DeclareOperationHandler } from '../declare-operation/declare-operation.handler';
import { OpenEnvelopeCommand, OpenEnvelopeHandler } from '../open-envelope/open-envelope.handler';
import { RecordCommitmentCommand, RecordCommitmentHandler } from '../record-commitment/record-commitment.handler';
import { RecordReferenceCommand, RecordReferenceHandler } from '../record-reference/record-reference.handler';
import {
  RecordDocumentFigureCommand,
  RecordDocumentFigureHandler,
} from '../record-document-figure/record-document-figure.handler';
import {
  RecordGovernanceStepCommand,
  RecordGovernanceStepHandler,
} from '../record-governance-step/record-governance-step.handler';
import { RegisterConditionCommand, RegisterConditionHandler } from '../register-condition/register-condition.handler';
import type { DataSet } from './data-set';
import { importDataSet, type ImportedCommand, type ImportProgress, type ImportSummary } from './import-data-set';

export interface ImportDataSet {
  dataSet: DataSet;
  /** Who imports: the actor of every booking. */
  importer: Principal;
  onProgress?: (progress: ImportProgress) => void;
}

/** A data set to import, whole or not at all — from the API's upload, `cvl import` or the main job's first start. */
export class ImportDataSetCommand extends UseCaseCommand<'import-data-set', ImportDataSet, ImportSummary> {
  readonly type = 'import-data-set';
}

/**
 * Each row becomes the command its API route dispatches, decided by that command's own handler: the import adds
 * no rule of its own, only that the whole set is decided before one append.
 */
@CommandHandler(ImportDataSetCommand)
export class ImportDataSetHandler implements ICommandHandler<ImportDataSetCommand, ImportSummary> {
  constructor(
    private readonly ledger: CommitmentsLedger,
    private readonly references: RecordReferenceHandler,
    private readonly conditions: RegisterConditionHandler,
    private readonly envelopes: OpenEnvelopeHandler,
    private readonly operations: DeclareOperationHandler,
    private readonly commitments: RecordCommitmentHandler,
    private readonly figures: RecordDocumentFigureHandler,
    private readonly governance: RecordGovernanceStepHandler,
  ) {}

  execute({ payload }: ImportDataSetCommand): Promise<ImportSummary> {
    return importDataSet(
      this.ledger,
      (command) => this.decisionOf(command),
      payload.dataSet,
      payload.importer,
      payload.onProgress,
    );
  }

  private decisionOf(command: ImportedCommand): Decision {
    if (command instanceof RecordReferenceCommand) return this.references.decision(command);
    if (command instanceof RegisterConditionCommand) return this.conditions.decision(command);
    if (command instanceof OpenEnvelopeCommand) return this.envelopes.decision(command);
    if (command instanceof DeclareOperationCommand) return this.operations.decision(command);
    if (command instanceof RecordCommitmentCommand) return this.commitments.decision(command);
    if (command instanceof RecordDocumentFigureCommand) return this.figures.decision(command);
    if (command instanceof RecordGovernanceStepCommand) return this.governance.decision(command);
    throw new Error(`commande d’import inattendue : ${(command as { type: string }).type}`);
  }
}

/** The handlers an import needs, and nothing else of the service (no HTTP, no consumers, no relay). */
export const IMPORT_HANDLERS = [
  RecordReferenceHandler,
  RegisterConditionHandler,
  OpenEnvelopeHandler,
  DeclareOperationHandler,
  RecordCommitmentHandler,
  RecordDocumentFigureHandler,
  RecordGovernanceStepHandler,
  ImportDataSetHandler,
];

/**
 * `cvl import` while the suite is not running: the same command on the same bus, over a ledger the CLI opened
 * itself (NestFactory.createApplicationContext of this module).
 */
@Module({})
export class LedgerImportModule {
  static over(ledger: CommitmentsLedger): DynamicModule {
    return {
      module: LedgerImportModule,
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: CommitmentsLedger, useValue: ledger }, ...IMPORT_HANDLERS],
    };
  }
}

/** Imports over a ledger this process opened itself: the bus of LedgerImportModule, started and closed around it. */
export async function importOverLedger(ledger: CommitmentsLedger, command: ImportDataSet): Promise<ImportSummary> {
  const context = await NestFactory.createApplicationContext(LedgerImportModule.over(ledger), { logger: false });
  try {
    return await context.get(CommandBus).execute(new ImportDataSetCommand(command));
  } finally {
    await context.close();
  }
}
